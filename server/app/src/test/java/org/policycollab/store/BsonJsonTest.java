package org.policycollab.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.policycollab.store.StoreFixtures.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BsonJsonTest {
  @Test
  @DisplayName("numbers are stored as the Node driver stores JavaScript numbers")
  void numbersLikeJavaScript() throws Exception {
    BsonDocument stored = BsonJson.toBsonDocument(
        new ObjectMapper().readTree("{\"small\":5,\"big\":1764287000000,\"whole\":2.0,"
            + "\"half\":0.5,\"huge\":9007199254740993}"));
    assertThat(stored.get("small")).isEqualTo(new BsonInt32(5));
    assertThat(stored.get("big")).isEqualTo(new BsonDouble(1_764_287_000_000.0));
    assertThat(stored.get("whole")).isEqualTo(new BsonInt32(2));
    assertThat(stored.get("half")).isEqualTo(new BsonDouble(0.5));
    assertThat(stored.get("huge")).isEqualTo(new BsonInt64(9_007_199_254_740_993L));
  }

  @Test
  @DisplayName("values read back in the OT core's canonical form, whatever BSON number type held them")
  void readsCanonically() {
    BsonDocument stored = BsonDocument.parse(
        "{\"a\":{\"$numberDouble\":\"3\"},\"b\":{\"$numberLong\":\"7\"},\"c\":1.25,\"d\":null,"
            + "\"e\":[\"é👋\",true],\"f\":{\"$numberDecimal\":\"4\"}}");
    assertThat(BsonJson.toJson(stored))
        .isEqualTo(json("{\"a\":3,\"b\":7,\"c\":1.25,\"d\":null,\"e\":[\"é👋\",true],\"f\":4}"));
  }
}
