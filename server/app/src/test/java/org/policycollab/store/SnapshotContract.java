package org.policycollab.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.policycollab.store.StoreFixtures.check;
import static org.policycollab.store.StoreFixtures.newOpId;
import static org.policycollab.store.StoreFixtures.richText;

import io.vertx.core.Future;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Snapshots and milestones, the caches behind the op log: part of every backend's contract. */
interface SnapshotContract {
  String DOCS = "docs";

  DocumentStore store();

  @Test
  @DisplayName("saveSnapshot never goes backwards, and keeps the first of one version")
  default void snapshotsOnlyMoveForward(VertxTestContext test) {
    String lastOp = newOpId();
    Snapshot v3 = withLastOp(richText("s1", 3, "three\n"), lastOp);
    Future<Snapshot> read =
        store().saveSnapshot(DOCS, v3)
            .compose(done -> store().saveSnapshot(DOCS, richText("s1", 2, "two\n")))
            .compose(done -> store().saveSnapshot(DOCS, richText("s1", 3, "other three\n")))
            .compose(done -> store().snapshot(DOCS, "s1"))
            .map(snapshot -> {
              assertThat(snapshot).isEqualTo(v3);
              return snapshot;
            })
            .compose(done -> store().saveSnapshot(DOCS, richText("s1", 5, "five\n")))
            .compose(done -> store().snapshot(DOCS, "s1"));
    check(test, read, snapshot -> assertThat(snapshot).isEqualTo(richText("s1", 5, "five\n")));
  }

  private static Snapshot withLastOp(Snapshot s, String lastOpId) {
    return new Snapshot(
        s.docId(), s.version(), s.type(), s.data(), s.createdAt(), s.modifiedAt(), s.create(),
        lastOpId);
  }

  @Test
  @DisplayName("a deleted document keeps its version and loses type and data")
  default void deletedSnapshot(VertxTestContext test) {
    Snapshot deleted = new Snapshot("s2", 7, null, null, 1_000, 9_000, null, newOpId());
    Future<Snapshot> read =
        store().saveSnapshot(DOCS, richText("s2", 6, "gone soon\n"))
            .compose(done -> store().saveSnapshot(DOCS, deleted))
            .compose(done -> store().snapshot(DOCS, "s2"));
    check(test, read, snapshot -> {
      assertThat(snapshot).isEqualTo(deleted);
      assertThat(snapshot.exists()).isFalse();
    });
  }

  @Test
  @DisplayName("the newest milestone at or before a version is found; the first of a version is kept")
  default void milestones(VertxTestContext test) {
    Snapshot m2 = richText("m1", 2, "two\n");
    Snapshot m5 = richText("m1", 5, "five\n");
    Snapshot m9 = richText("m1", 9, "nine\n");
    Future<List<Snapshot>> found =
        store().saveMilestone(DOCS, m5)
            .compose(done -> store().saveMilestone(DOCS, m2))
            .compose(done -> store().saveMilestone(DOCS, m9))
            .compose(done -> store().saveMilestone(DOCS, richText("m1", 5, "not kept\n")))
            .compose(done -> Future.all(
                store().milestone(DOCS, "m1", 7), store().milestone(DOCS, "m1", 1),
                store().milestone(DOCS, "m1", 9), store().milestone(DOCS, "m1", 5)))
            .map(all -> all.list());
    check(test, found, milestones -> {
      assertThat(milestones.get(0)).isEqualTo(withoutCreate(m5));
      assertThat(milestones.get(1)).isNull();
      assertThat(milestones.get(2)).isEqualTo(withoutCreate(m9));
      assertThat(milestones.get(3)).isEqualTo(withoutCreate(m5));
    });
  }

  /** What a milestone keeps of a snapshot: no create mark, no last op. */
  private static Snapshot withoutCreate(Snapshot s) {
    return new Snapshot(
        s.docId(), s.version(), s.type(), s.data(), s.createdAt(), s.modifiedAt(), null, null);
  }

  @Test
  @DisplayName("the listing: existing documents, most recently changed first, up to the limit; titles beside them")
  default void listingAndTitles(VertxTestContext test) {
    Snapshot deleted = new Snapshot("l-deleted", 7, null, null, 1_000, 9_000, null, newOpId());
    Future<Void> saved =
        store().saveSnapshot(DOCS, richText("l-a", 1, "a\n"))
            .compose(done -> store().saveSnapshot(DOCS, richText("l-b", 5, "b\n")))
            .compose(done -> store().saveSnapshot(DOCS, richText("l-c", 9, "c\n")))
            .compose(done -> store().saveSnapshot(DOCS, deleted))
            .compose(done -> store().saveTitle(DOCS, "l-a", "Ühine soovitus 🇪🇺", 1))
            .compose(done -> store().saveTitle(DOCS, "l-a", "Renamed", 2));
    check(test, saved.compose(done -> Future.all(
            store().list(DOCS, 2),
            store().list(DOCS, 10),
            store().titles(DOCS, List.of("l-a", "l-b")),
            store().titles(DOCS, List.of()))),
        all -> {
          List<DocumentStore.Listed> two = all.resultAt(0);
          List<DocumentStore.Listed> every = all.resultAt(1);
          assertThat(two).extracting(DocumentStore.Listed::docId).containsExactly("l-c", "l-b");
          assertThat(every).extracting(DocumentStore.Listed::docId).containsExactly("l-c", "l-b", "l-a");
          assertThat(every.get(0).version()).isEqualTo(9);
          assertThat(every.get(0).modifiedAt()).isEqualTo(2_009);
          assertThat(all.<java.util.Map<String, String>>resultAt(2)).containsExactly(java.util.Map.entry("l-a", "Renamed"));
          assertThat(all.<java.util.Map<String, String>>resultAt(3)).isEmpty();
        });
  }
}
