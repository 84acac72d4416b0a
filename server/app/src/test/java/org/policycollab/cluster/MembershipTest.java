package org.policycollab.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MembershipTest {
  private static final List<String> NODES = List.of(
      "9f1c2a4e-0b7d-4c1e-8a55-3f2d1e0c9b77", "1b3d5f79-2468-4ace-9bdf-13579bdf2468", "c0ffee00-1234-4321-abcd-0123456789ab");

  private static Membership of(String self, List<String> nodes) {
    Membership membership = Membership.clustered(self);
    membership.update(nodes);
    return membership;
  }

  @Test
  @DisplayName("a single node owns every key and is never told of a change")
  void single() {
    Membership single = Membership.single();
    assertThat(single.clustered()).isFalse();
    assertThat(single.owns("docs.anything")).isTrue();
    assertThat(single.ownerOf("docs.🙂")).isEqualTo(single.self());
  }

  @Test
  @DisplayName("owners are the ones the test clients compute (web-client/e2e/cluster-owner.mjs)")
  void sameAsTheClients() {
    Membership membership = of(NODES.get(0), NODES);
    assertThat(membership.ownerOf("docs.a")).isEqualTo(NODES.get(2));
    assertThat(membership.ownerOf("docs.ä-õ-š-ž-ł")).isEqualTo(NODES.get(0));
    assertThat(membership.ownerOf("docs.🙂")).isEqualTo(NODES.get(1));
    assertThat(membership.ownerOf("docs.recommendation-2026")).isEqualTo(NODES.get(1));
  }

  @Test
  @DisplayName("every node computes the same owner, whatever order it learnt the members in")
  void agreement() {
    Membership one = of(NODES.get(0), NODES);
    Membership two = of(NODES.get(1), List.of(NODES.get(2), NODES.get(0), NODES.get(1)));
    for (int i = 0; i < 1_000; i++) {
      assertThat(two.ownerOf("docs.d" + i)).isEqualTo(one.ownerOf("docs.d" + i));
    }
  }

  @Test
  @DisplayName("keys spread evenly; a node that leaves moves only its own keys, one that joins takes only keys")
  void fairAndStable() {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 30_000; i++) {
      keys.add("docs.doc-" + i);
    }
    Membership three = of(NODES.get(0), NODES);
    Map<String, Integer> counts = new HashMap<>();
    Map<String, String> before = new HashMap<>();
    for (String key : keys) {
      String owner = three.ownerOf(key);
      before.put(key, owner);
      counts.merge(owner, 1, Integer::sum);
    }
    assertThat(counts.values()).allSatisfy(count -> assertThat(count).isBetween(9_000, 11_000));

    String gone = NODES.get(1);
    Membership two = of(NODES.get(0), List.of(NODES.get(0), NODES.get(2)));
    for (String key : keys) {
      if (!before.get(key).equals(gone)) {
        assertThat(two.ownerOf(key)).as(key).isEqualTo(before.get(key));
      } else {
        assertThat(two.ownerOf(key)).isNotEqualTo(gone);
      }
    }

    List<String> four = new ArrayList<>(NODES);
    four.add("0d15ea5e-0000-4000-8000-000000000004");
    Membership grown = of(NODES.get(0), four);
    int moved = 0;
    for (String key : keys) {
      String owner = grown.ownerOf(key);
      if (!owner.equals(before.get(key))) {
        assertThat(owner).isEqualTo(four.get(3));
        moved++;
      }
    }
    assertThat(moved).isBetween(6_000, 9_000); // about a quarter
  }

  @Test
  @DisplayName("listeners hear who left and joined, and nothing when the view is the same")
  void changes() {
    Membership membership = Membership.clustered(NODES.get(0));
    assertThat(membership.nodes()).isEmpty();
    assertThat(membership.owns("docs.x")).as("with nobody serving, a node answers for itself").isTrue();
    List<Membership.Change> heard = new ArrayList<>();
    membership.onChange(null, heard::add);
    membership.update(NODES);
    membership.update(List.of(NODES.get(2), NODES.get(1), NODES.get(0)));
    membership.update(List.of(NODES.get(0), NODES.get(2)));
    assertThat(heard).hasSize(2);
    assertThat(heard.get(0).joined()).containsExactlyInAnyOrderElementsOf(NODES);
    assertThat(heard.get(1).left()).containsExactly(NODES.get(1));
    assertThat(heard.get(1).joined()).isEmpty();
    assertThat(Membership.ownerAmong(heard.get(1).before(), "docs.🙂")).isEqualTo(NODES.get(1));
    assertThat(membership.ownerOf("docs.🙂")).isNotEqualTo(NODES.get(1));
  }
}
