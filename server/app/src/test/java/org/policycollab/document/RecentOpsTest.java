package org.policycollab.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.policycollab.store.StoredOp;

class RecentOpsTest {
  private static CommittedOp op(long version) {
    StoredOp stored =
        new StoredOp("id" + version, "doc", version, "src", version, null, null, null, false, null, 0, null, null);
    return new CommittedOp(stored, null, "{}");
  }

  private static List<Long> versions(List<CommittedOp> ops) {
    return ops.stream().map(CommittedOp::version).toList();
  }

  @Test
  @DisplayName("adds, prepends, trims and truncates like a plain list of consecutive versions, across wrap-arounds")
  void behavesLikeAList() {
    Random random = new Random(42);
    for (int run = 0; run < 200; run++) {
      long start = 5_000L + random.nextInt(1_000);
      RecentOps recent = new RecentOps(start);
      List<Long> model = new ArrayList<>();
      long base = start;
      for (int step = 0; step < 300; step++) {
        int action = random.nextInt(10);
        if (action < 6) {
          int count = 1 + random.nextInt(40);
          for (int i = 0; i < count; i++) {
            long next = base + model.size();
            recent.add(op(next));
            model.add(next);
          }
        } else if (action == 6) {
          int count = (int) Math.min(base, random.nextInt(30));
          List<CommittedOp> older = new ArrayList<>();
          for (long v = base - count; v < base; v++) {
            older.add(op(v));
          }
          recent.prepend(older);
          for (int i = count - 1; i >= 0; i--) {
            model.add(0, base - count + i);
          }
          base -= count;
        } else if (action == 7) {
          recent.trim();
          while (model.size() > RecentOps.KEEP) {
            model.remove(0);
            base++;
          }
        } else if (action == 8 && !model.isEmpty()) {
          long end = base + random.nextInt(model.size() + 1);
          recent.truncate(end);
          while (base + model.size() > end) {
            model.remove(model.size() - 1);
          }
        }
        assertThat(recent.base()).isEqualTo(base);
        assertThat(recent.end()).isEqualTo(base + model.size());
        long from = base + (model.isEmpty() ? 0 : random.nextInt(model.size() + 1));
        long to = from + random.nextInt(50);
        assertThat(versions(recent.from(from))).isEqualTo(model.subList((int) (from - base), model.size()));
        assertThat(versions(recent.range(from, to)))
            .isEqualTo(model.subList((int) (from - base), (int) Math.min(model.size(), to - base)));
      }
    }
  }

  @Test
  @DisplayName("refuses an op that does not follow the newest or precede the oldest")
  void refusesGaps() {
    RecentOps recent = new RecentOps(10);
    recent.add(op(10));
    assertThatThrownBy(() -> recent.add(op(12))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> recent.prepend(List.of(op(8)))).isInstanceOf(IllegalStateException.class);
    assertThat(versions(recent.from(10))).containsExactly(10L);
  }
}
