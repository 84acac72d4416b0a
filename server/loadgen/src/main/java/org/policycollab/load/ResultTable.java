package org.policycollab.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * A workload's figures: printed once as an aligned table for people, and once as a {@code RESULT} JSON
 * line for scripts, with the metric names as keys. Names carry their unit where it is not obvious
 * ({@code ack_p99_ms}) so that the JSON reads without the table.
 */
final class ResultTable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Row(String metric, Object value, String unit) {}

  private final String workload;
  private final List<Row> rows = new ArrayList<>();

  ResultTable(String workload) {
    this.workload = workload;
  }

  ResultTable add(String metric, long value, String unit) {
    rows.add(new Row(metric, value, unit));
    return this;
  }

  ResultTable add(String metric, double value, String unit) {
    rows.add(new Row(metric, value, unit));
    return this;
  }

  ResultTable add(String metric, boolean value) {
    rows.add(new Row(metric, value, "bool"));
    return this;
  }

  ResultTable add(String metric, String value) {
    rows.add(new Row(metric, value, ""));
    return this;
  }

  /** {@code <prefix>_p50_ms}, {@code _p99_ms} and {@code _max_ms}, and how many values they are of. */
  ResultTable addLatencies(String prefix, Histogram histogram) {
    add(prefix + "_count", histogram.getTotalCount(), "samples");
    add(prefix + "_p50_ms", Latencies.percentileMillis(histogram, 50), "ms");
    add(prefix + "_p99_ms", Latencies.percentileMillis(histogram, 99), "ms");
    add(prefix + "_max_ms", Latencies.maxMillis(histogram), "ms");
    return this;
  }

  void print(PrintStream out) {
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {"workload", "metric", "value", "unit"});
    for (Row row : rows) {
      lines.add(new String[] {workload, row.metric(), text(row.value()), row.unit()});
    }
    int[] widths = new int[4];
    for (String[] line : lines) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], line[i].length());
      }
    }
    for (String[] line : lines) {
      // Numbers right-aligned so that their digits line up.
      out.printf(Locale.ROOT, "%-" + widths[0] + "s  %-" + widths[1] + "s  %" + widths[2] + "s  %s%n",
          line[0], line[1], line[2], line[3]);
    }
    out.println("RESULT " + json());
  }

  String json() {
    ObjectNode result = JSON.createObjectNode().put("workload", workload);
    for (Row row : rows) {
      Object value = row.value();
      if (value instanceof Long number) {
        result.put(row.metric(), number);
      } else if (value instanceof Double number) {
        if (number.isNaN() || number.isInfinite()) {
          result.putNull(row.metric()); // JSON has no NaN: "no samples"
        } else {
          result.put(row.metric(), Math.round(number * 1_000) / 1_000.0);
        }
      } else if (value instanceof Boolean flag) {
        result.put(row.metric(), flag);
      } else {
        result.put(row.metric(), String.valueOf(value));
      }
    }
    return result.toString();
  }

  private static String text(Object value) {
    if (value instanceof Double number) {
      return number.isNaN() ? "-" : String.format(Locale.ROOT, "%.3f", number);
    }
    return String.valueOf(value);
  }
}
