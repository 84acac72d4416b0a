package org.policycollab.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonValue;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OpChainTest {
  private static BsonDocument op(ObjectId id, int version, ObjectId previous) {
    BsonValue link = previous == null ? BsonNull.VALUE : new BsonObjectId(previous);
    return new BsonDocument("_id", new BsonObjectId(id))
        .append("v", new BsonInt32(version))
        .append("o", link);
  }

  @Test
  @DisplayName("where a version repeats, the op the chain links to wins, whatever the id order")
  void keepsLinkedOps() {
    ObjectId a0 = new ObjectId();
    ObjectId orphan1 = new ObjectId();
    ObjectId a1 = new ObjectId();
    ObjectId a2 = new ObjectId();
    ObjectId orphan2 = new ObjectId();
    List<BsonDocument> sorted = List.of(
        op(a0, 0, null), op(orphan1, 1, a0), op(a1, 1, a0), op(a2, 2, a1), op(orphan2, 2, a1));
    assertThat(OpChain.hasDuplicateVersions(sorted)).isTrue();
    Set<ObjectId> links = OpChain.links(sorted);
    links.add(a2); // the snapshot's _o
    assertThat(OpChain.onChain(sorted, links))
        .extracting(doc -> doc.getObjectId("_id").getValue())
        .containsExactly(a0, a1, a2);
  }

  @Test
  @DisplayName("with nothing linking any of them, the first inserted is kept, so every reader agrees")
  void unlinkedTie() {
    ObjectId first = new ObjectId();
    ObjectId second = new ObjectId();
    List<BsonDocument> sameVersion = List.of(op(second, 4, null), op(first, 4, null));
    assertThat(OpChain.linked(sameVersion, Set.of()).getObjectId("_id").getValue()).isEqualTo(first);
    assertThat(OpChain.hasDuplicateVersions(List.of(op(first, 3, null), op(second, 4, first))))
        .isFalse();
  }
}
