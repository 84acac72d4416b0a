package org.policycollab.ot.document;

import java.util.List;

/**
 * Prefix sums over chunk lengths (a Fenwick tree), so that finding the chunk holding an offset and
 * recording a chunk's new length both cost O(log n) instead of a walk over every chunk. Adding or
 * removing chunks changes the shape, so the owner rebuilds it then, which is rare and O(n).
 */
final class ChunkIndex {
  /** 1-based Fenwick array: {@code tree[i]} sums the lengths of chunks {@code (i - lowbit(i), i]}. */
  private int[] tree = new int[1];

  private int size;

  void rebuild(List<Chunk> chunks) {
    size = chunks.size();
    tree = new int[size + 1];
    for (int i = 1; i <= size; i++) {
      tree[i] += chunks.get(i - 1).length();
      int parent = i + (i & -i);
      if (parent <= size) {
        tree[parent] += tree[i];
      }
    }
  }

  /** Records that chunk {@code chunk} (0-based) grew by {@code delta} units (shrank when negative). */
  void add(int chunk, int delta) {
    for (int i = chunk + 1; i <= size; i += i & -i) {
      tree[i] += delta;
    }
  }

  /** The document offset where chunk {@code chunk} (0-based) starts. */
  int start(int chunk) {
    int sum = 0;
    for (int i = chunk; i > 0; i -= i & -i) {
      sum += tree[i];
    }
    return sum;
  }

  /**
   * The chunk holding the unit at {@code offset} ({@code 0 <= offset < total}). Relies on every chunk
   * being non-empty: then the chunk is the one after all chunks whose running total is at most {@code
   * offset}, found by descending the tree.
   */
  int chunkAt(int offset) {
    int index = 0;
    int remaining = offset;
    for (int step = Integer.highestOneBit(Math.max(size, 1)); step > 0; step >>= 1) {
      int next = index + step;
      if (next <= size && tree[next] <= remaining) {
        index = next;
        remaining -= tree[next];
      }
    }
    return index;
  }
}
