package org.policycollab.ot;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The algebra's laws on random documents and ops. Each property draws a seed; a failure names the seed,
 * and the same seed replays the same case.
 */
class DeltaPropertiesTest {

  @Property(tries = 2000)
  void transformedOpsConverge(@ForAll long seed) {
    RandomDeltas random = new RandomDeltas(seed);
    Delta document = random.document();
    Delta a = random.op(document);
    Delta b = random.op(document);
    boolean priority = random.random().nextBoolean();
    //        document
    //     a /        \ b
    //      v          v
    //       \        /
    //  b' =  v      v  = a'
    //        converged
    Delta bPrime = a.transform(b, priority);
    Delta aPrime = b.transform(a, !priority);
    assertThat(document.compose(a).compose(bPrime))
        .isEqualTo(document.compose(b).compose(aPrime));
    assertThat(a.compose(bPrime)).isEqualTo(b.compose(aPrime));
  }

  @Property(tries = 2000)
  void composeIsAssociative(@ForAll long seed) {
    RandomDeltas random = new RandomDeltas(seed);
    Delta document = random.document();
    Delta a = random.op(document);
    Delta b = random.op(document.compose(a));
    Delta c = random.op(document.compose(a).compose(b));
    assertThat(a.compose(b).compose(c)).isEqualTo(a.compose(b.compose(c)));
    assertThat(document.compose(a).compose(b)).isEqualTo(document.compose(a.compose(b)));
  }

  @Property(tries = 2000)
  void invertUndoes(@ForAll long seed) {
    RandomDeltas random = new RandomDeltas(seed);
    Delta document = random.document();
    Delta op = random.op(document);
    assertThat(document.compose(op).compose(op.invert(document))).isEqualTo(document);
  }

  @Property(tries = 2000)
  void transformPositionStaysInsideTheDocument(@ForAll long seed) {
    RandomDeltas random = new RandomDeltas(seed);
    Delta document = random.document();
    Delta op = random.op(document);
    int index = random.random().nextInt(document.length() + 1);
    int moved = op.transformPosition(index, random.random().nextBoolean());
    assertThat(moved).isBetween(0, document.compose(op).length());
  }

  @Property(tries = 1000)
  void diffTurnsOneDocumentIntoTheOther(@ForAll long seed) {
    RandomDeltas random = new RandomDeltas(seed);
    Delta from = random.document();
    Delta to = random.random().nextBoolean() ? random.document() : from.compose(random.op(from));
    assertThat(from.compose(from.diff(to))).isEqualTo(to);
  }

  @Property(tries = 1000)
  void operationsLeaveTheirInputsUnchanged(@ForAll long seed) {
    RandomDeltas random = new RandomDeltas(seed);
    Delta document = random.document();
    Delta a = random.op(document);
    Delta b = random.op(document);
    String documentJson = DeltaJson.toJson(document);
    String aJson = DeltaJson.toJson(a);
    String bJson = DeltaJson.toJson(b);

    document.compose(a);
    a.transform(b, true);
    b.transform(a, false);
    a.invert(document);
    document.diff(document.compose(a));
    document.slice(1, 3).concat(a);
    RichText.transformPresence(
        DeltaJson.write(b).objectNode().put("index", 0).put("length", 1), a, true);

    assertThat(DeltaJson.toJson(document)).isEqualTo(documentJson);
    assertThat(DeltaJson.toJson(a)).isEqualTo(aJson);
    assertThat(DeltaJson.toJson(b)).isEqualTo(bJson);
  }

  @Property(tries = 1000)
  void jsonRoundTripGivesAnEqualDelta(@ForAll long seed) {
    RandomDeltas random = new RandomDeltas(seed);
    Delta document = random.document();
    Delta op = random.op(document);
    assertThat(DeltaJson.parse(DeltaJson.toJson(op))).isEqualTo(op);
    assertThat(DeltaJson.parse(DeltaJson.toJson(document))).isEqualTo(document);
  }
}
