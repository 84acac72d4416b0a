package org.policycollab.ot.document;

import java.util.ArrayList;
import java.util.List;
import org.policycollab.ot.Attributes;
import org.policycollab.ot.Delete;
import org.policycollab.ot.Delta;
import org.policycollab.ot.Insert;
import org.policycollab.ot.Op;
import org.policycollab.ot.OtException;
import org.policycollab.ot.Retain;
import org.policycollab.ot.RichText;

/**
 * A live rich-text document that ops are applied to in place, giving exactly what {@code
 * toDelta().compose(op)} gives, at a cost per keystroke that does not grow with the document. {@link
 * Delta#compose} copies the whole op list for every change, which on a 1 MB document is what a server
 * cannot afford per keystroke.
 *
 * <p>The text is kept in chunks of at most {@code maxChunk} UTF-16 units (see {@link Chunk}), with a
 * {@link ChunkIndex} over their lengths: a one-character insert, delete or format finds its chunk and
 * records the new length in O(log n), then edits that one bounded chunk. A chunk that outgrows the bound
 * is split, one that runs low is merged into a neighbour, and only then is the index rebuilt.
 *
 * <p>Mutable and not thread-safe: the document's owner thread applies ops; other threads read the
 * immutable {@link Delta}s that {@link #toDelta()} returns.
 */
public final class RichTextDocument {
  static final int DEFAULT_MAX_CHUNK = 2048;

  private final int maxChunk;
  /** The size chunks are packed to: half the bound, leaving room to type before a split. */
  private final int fillChunk;
  /** Below this a chunk is merged into a neighbour, well clear of {@code fillChunk} so edits don't thrash. */
  private final int minChunk;

  private final ArrayList<Chunk> chunks = new ArrayList<>();
  private final ChunkIndex index = new ChunkIndex();
  /** Set when chunks were added or removed: the index is rebuilt before it is next read. */
  private boolean indexStale = true;

  private int length;
  /** {@link #toDelta()}'s result until the next change. */
  private Delta snapshot = Delta.EMPTY;

  private RichTextDocument(int maxChunk) {
    if (maxChunk < 2) {
      throw new IllegalArgumentException("chunks must hold at least 2 units, got " + maxChunk);
    }
    this.maxChunk = maxChunk;
    this.fillChunk = maxChunk / 2;
    this.minChunk = maxChunk / 4;
  }

  public static RichTextDocument empty() {
    return new RichTextDocument(DEFAULT_MAX_CHUNK);
  }

  /** The document {@code document}, which must hold only inserts. */
  public static RichTextDocument of(Delta document) {
    return of(document, DEFAULT_MAX_CHUNK);
  }

  /** With another chunk bound; tests use tiny chunks so that every edit crosses chunk boundaries. */
  static RichTextDocument of(Delta document, int maxChunk) {
    if (!document.isDocument()) {
      throw new OtException("a document must contain only inserts");
    }
    RichTextDocument result = new RichTextDocument(maxChunk);
    List<Insert> runs = new ArrayList<>(document.ops().size());
    for (Op op : document.ops()) {
      runs.add((Insert) op);
    }
    result.length = document.length();
    result.chunks.addAll(ChunkPacker.pack(runs, result.length, result.fillChunk));
    // A Delta is canonical by construction, so it is already what toDelta() would build.
    result.snapshot = document;
    return result;
  }

  /** Length in UTF-16 code units. */
  public int length() {
    return length;
  }

  /**
   * Applies {@code op}, as {@code toDelta().compose(op)} would.
   *
   * @throws OtException when the op retains or deletes past the end; the document is then unchanged
   */
  public void apply(Delta op) {
    RichText.requireFits(op, length);
    int position = 0;
    for (Op component : op.ops()) {
      if (component instanceof Insert insert) {
        insert(position, insert);
        position += insert.length();
        snapshot = null;
      } else if (component instanceof Retain retain) {
        if (!retain.attributes().isEmpty()) {
          format(position, retain.length(), retain.attributes());
          snapshot = null;
        }
        position += retain.length();
      } else if (component instanceof Delete delete) {
        delete(position, delete.length());
        snapshot = null;
      }
    }
  }

  /** The document as a canonical Delta (neighbours with equal attributes merged); cached until changed. */
  public Delta toDelta() {
    if (snapshot == null) {
      RunWriter out = new RunWriter();
      for (Chunk chunk : chunks) {
        for (Insert run : chunk.runs()) {
          out.add(run);
        }
      }
      snapshot = out.build();
    }
    return snapshot;
  }

  /** The document's units {@code [start, end)}, as {@code toDelta().slice(start, end)} gives them. */
  public Delta slice(int start, int end) {
    int from = Math.max(start, 0);
    int to = Math.min(end, length);
    if (from >= to) {
      return Delta.EMPTY;
    }
    RunWriter out = new RunWriter();
    int chunk = chunkAt(from);
    int offset = from - index.start(chunk);
    for (int remaining = to - from; remaining > 0; chunk++, offset = 0) {
      int take = Math.min(chunks.get(chunk).length() - offset, remaining);
      chunks.get(chunk).write(offset, offset + take, out);
      remaining -= take;
    }
    return out.build();
  }

  /** The chunks' lengths in order, for tests checking the chunk bounds. */
  int[] chunkLengths() {
    return chunks.stream().mapToInt(Chunk::length).toArray();
  }

  private void insert(int position, Insert run) {
    if (chunks.isEmpty()) {
      chunks.add(new Chunk());
      indexStale = true;
    }
    // At a boundary between chunks the run goes to the end of the earlier one: the one holding the unit
    // before it. Only position 0 has no unit before it.
    int chunk = position == 0 ? 0 : chunkAt(position - 1);
    int offset = position == 0 ? 0 : position - index.start(chunk);
    Chunk target = chunks.get(chunk);
    target.insert(offset, run);
    resized(chunk, run.length());
    if (target.length() > maxChunk) {
      List<Chunk> pieces = ChunkPacker.pack(target.runs(), target.length(), fillChunk);
      chunks.set(chunk, pieces.get(0));
      chunks.addAll(chunk + 1, pieces.subList(1, pieces.size()));
      indexStale = true;
    }
  }

  private void delete(int position, int count) {
    int first = chunkAt(position);
    int offset = position - index.start(first);
    // Chunks deleted whole form one range (only the first and last can be cut), removed at once.
    int wholeFrom = -1;
    int wholeTo = -1;
    for (int chunk = first, remaining = count; remaining > 0; chunk++, offset = 0) {
      Chunk target = chunks.get(chunk);
      if (offset == 0 && remaining >= target.length()) {
        wholeFrom = wholeFrom < 0 ? chunk : wholeFrom;
        wholeTo = chunk + 1;
        remaining -= target.length();
        length -= target.length();
      } else {
        int removed = target.delete(offset, remaining);
        remaining -= removed;
        resized(chunk, -removed);
      }
    }
    if (wholeFrom >= 0) {
      chunks.subList(wholeFrom, wholeTo).clear();
      indexStale = true;
    }
    // The cut chunks now sit at `first` and `first + 1`; the later one first, so indices stay valid.
    compact(first + 1);
    compact(first);
  }

  private void format(int position, int count, Attributes attributes) {
    int chunk = chunkAt(position);
    int offset = position - index.start(chunk);
    for (int remaining = count; remaining > 0; chunk++, offset = 0) {
      remaining -= chunks.get(chunk).format(offset, remaining, attributes);
    }
  }

  /** Removes chunk {@code chunk} if empty, or merges it into a neighbour if it ran low and they fit. */
  private void compact(int chunk) {
    if (chunk < 0 || chunk >= chunks.size()) {
      return;
    }
    Chunk small = chunks.get(chunk);
    if (small.length() == 0) {
      chunks.remove(chunk);
      indexStale = true;
    } else if (small.length() < minChunk) {
      if (chunk + 1 < chunks.size() && small.length() + chunks.get(chunk + 1).length() <= maxChunk) {
        small.appendAll(chunks.remove(chunk + 1));
        indexStale = true;
      } else if (chunk > 0 && chunks.get(chunk - 1).length() + small.length() <= maxChunk) {
        chunks.get(chunk - 1).appendAll(chunks.remove(chunk));
        indexStale = true;
      }
    }
  }

  /** Records that chunk {@code chunk} changed length by {@code delta}. */
  private void resized(int chunk, int delta) {
    length += delta;
    if (!indexStale) {
      index.add(chunk, delta);
    }
  }

  /** The chunk holding the unit at {@code position}, rebuilding the index first if chunks changed. */
  private int chunkAt(int position) {
    if (indexStale) {
      index.rebuild(chunks);
      indexStale = false;
    }
    return index.chunkAt(position);
  }
}
