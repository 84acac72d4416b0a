package org.policycollab.ot.document;

import java.util.ArrayList;
import java.util.List;
import org.policycollab.ot.Insert;
import org.policycollab.ot.TextInsert;

/**
 * Packs runs into chunks of about {@code target} units, cutting long text runs. Used to load a whole
 * document and to split a chunk that outgrew its bound.
 */
final class ChunkPacker {
  private final int target;
  private final List<Chunk> chunks = new ArrayList<>();
  private Chunk current;

  private ChunkPacker(int target) {
    this.target = target;
  }

  /**
   * Chunks holding {@code runs} ({@code length} units in all), as evenly filled as the runs allow: as
   * many chunks of at least {@code fill} as fit, so a chunk just over the bound splits in two halves
   * rather than into a full chunk and a sliver.
   */
  static List<Chunk> pack(List<? extends Insert> runs, int length, int fill) {
    int pieces = Math.max(1, length / fill);
    ChunkPacker packer = new ChunkPacker((length + pieces - 1) / pieces);
    for (Insert run : runs) {
      packer.add(run);
    }
    return packer.chunks;
  }

  private void add(Insert run) {
    if (!(run instanceof TextInsert text)) {
      room().append(run);
      return;
    }
    String value = text.text();
    int start = 0;
    while (start < value.length()) {
      Chunk chunk = room();
      int end = cut(value, start, Math.min(value.length(), start + target - chunk.length()));
      chunk.append(
          start == 0 && end == value.length()
              ? text
              : new TextInsert(value.substring(start, end), text.attributes()));
      start = end;
    }
  }

  /** The chunk to fill next: the current one while it has room. */
  private Chunk room() {
    if (current == null || current.length() >= target) {
      current = new Chunk();
      chunks.add(current);
    }
    return current;
  }

  /**
   * Where to end a piece starting at {@code start}: at {@code end}, unless that falls inside a surrogate
   * pair, which then stays whole (ending one unit earlier, or later when the pair is the whole piece).
   * Cutting a pair would be harmless, as the pieces join again on output, but whole characters keep
   * each chunk's text valid.
   */
  private static int cut(String value, int start, int end) {
    if (end < value.length()
        && Character.isHighSurrogate(value.charAt(end - 1))
        && Character.isLowSurrogate(value.charAt(end))) {
      return end - 1 > start ? end - 1 : end + 1;
    }
    return end;
  }
}
