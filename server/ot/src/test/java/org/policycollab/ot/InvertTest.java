package org.policycollab.ot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.policycollab.ot.Deltas.d;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class InvertTest {
  private static final Delta BASE = d("[{'insert':'Tere','attributes':{'bold':true}},{'insert':' ilm'}]");

  @Test
  @DisplayName("an insert inverts to a delete")
  void insert() {
    assertThat(d("[{'retain':2},{'insert':'x'}]").invert(BASE)).isEqualTo(d("[{'retain':2},{'delete':1}]"));
  }

  @Test
  @DisplayName("a delete inverts to inserting the deleted text with its formatting")
  void delete() {
    assertThat(d("[{'retain':3},{'delete':2}]").invert(BASE))
        .isEqualTo(d("[{'retain':3},{'insert':'e','attributes':{'bold':true}},{'insert':' '}]"));
  }

  @Test
  @DisplayName("a format inverts to the formatting that was there, removing what was not")
  void format() {
    assertThat(d("[{'retain':5,'attributes':{'bold':null,'italic':true}}]").invert(BASE))
        .isEqualTo(
            d("[{'retain':4,'attributes':{'bold':true,'italic':null}},{'retain':1,'attributes':{'bold':null,'italic':null}}]"));
  }

  @Test
  @DisplayName("applying an op and then its inverse gives the base back")
  void roundTrip() {
    Delta op = d("[{'retain':1,'attributes':{'color':'#c33'}},{'delete':2},{'insert':'õ'}]");
    assertThat(BASE.compose(op).compose(op.invert(BASE))).isEqualTo(BASE);
  }
}
