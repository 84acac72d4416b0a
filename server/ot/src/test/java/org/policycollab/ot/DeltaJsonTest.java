package org.policycollab.ot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.policycollab.ot.Deltas.d;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeltaJsonTest {

  @Test
  @DisplayName("reads a bare array and an ops object alike, and writes an ops object")
  void readsBothFormsWritesOps() {
    Delta bare = d("[{'insert':'a'}]");
    Delta wrapped = d("{'ops':[{'insert':'a'}]}");
    assertThat(bare).isEqualTo(wrapped);
    assertThat(DeltaJson.toJson(bare)).isEqualTo("{\"ops\":[{\"insert\":\"a\"}]}");
  }

  @Test
  @DisplayName("a null attribute survives reading and writing")
  void nullSurvives() {
    String json = "{\"ops\":[{\"retain\":1,\"attributes\":{\"bold\":null}}]}";
    assertThat(DeltaJson.toJson(DeltaJson.parse(json))).isEqualTo(json);
  }

  @Test
  @DisplayName("surrogate pairs and non-Latin text survive a round trip")
  void unicodeSurvives() {
    String json = "{\"ops\":[{\"insert\":\"Žalgiris ąčę õ åø 😀👍🏽🇪🇪\\n\"}]}";
    assertThat(DeltaJson.toJson(DeltaJson.parse(json))).isEqualTo(json);
  }

  @Test
  @DisplayName("1 and 1.0 are the same number, as in JavaScript")
  void numbersCompareByValue() {
    assertThat(d("[{'retain':1,'attributes':{'size':1}}]"))
        .isEqualTo(d("[{'retain':1.0,'attributes':{'size':1.0}}]"));
  }

  @Test
  @DisplayName("what is read is canonical")
  void readIsCanonical() {
    assertThat(d("[{'insert':'a'},{'insert':'b'},{'retain':2}]")).isEqualTo(Delta.text("ab"));
  }

  @ParameterizedTest(name = "{0} is refused: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "[{'insert':'a','retain':1}]                 | op 0: an op needs exactly one of insert, retain and delete",
        "[{'attributes':{'bold':true}}]              | op 0: an op needs exactly one of insert, retain and delete",
        "[{'retain':0}]                              | op 0: retain must be a positive integer, got 0",
        "[{'delete':-1}]                             | op 0: delete must be a positive integer, got -1",
        "[{'retain':1.5}]                            | op 0: retain must be a positive integer, got 1.5",
        "[{'retain':{'table':1}}]                    | op 0: retain must be a positive integer",
        "[{'retain':'3'}]                            | op 0: retain must be a positive integer",
        "[{'insert':'a'},{'retain':1,'attributes':'bold'}] | op 1: attributes must be an object",
        "[{'insert':'a','attributes':[1]}]           | op 0: attributes must be an object",
        "[{'insert':'a','bold':true}]                | op 0: unknown key 'bold'",
        "[{'delete':1,'attributes':{'bold':true}}]   | op 0: a delete takes no attributes",
        "[{'insert':''}]                             | op 0: insert must be a non-empty string or a non-empty embed object",
        "[{'insert':3}]                              | op 0: insert must be a non-empty string or a non-empty embed object",
        "[{'insert':{}}]                             | op 0: insert must be a non-empty string or a non-empty embed object",
        "['a']                                       | op 0: an op must be an object",
        "{'ops':[],'v':1}                            | unknown key 'v' beside ops",
        "{'insert':'a'}                              | unknown key 'insert' beside ops",
        "3                                           | a delta must be an array of ops or an object with an ops array",
        "[{'insert':'a','insert':'b'}]               | not valid JSON",
        "[{'insert':'a'}                             | not valid JSON",
        "[{'retain':9007199254740993}]               | op 0: retain must be a positive integer",
      })
  void malformedOpsAreRefused(String json, String message) {
    assertThatThrownBy(() -> d(json)).isInstanceOf(OtException.class).hasMessageStartingWith(message);
  }
}
