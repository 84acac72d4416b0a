package org.policycollab.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's memory, read from outside as an operator would: the heap in use after full collections
 * ({@code jcmd PID GC.run}, then {@code GC.heap_info}) and the process's resident set from
 * {@code /proc/PID/status}. Needs the server on this machine, run by the same user.
 */
final class ServerProbe {
  private static final Pattern G1_USED = Pattern.compile("garbage-first heap\\s+total \\d+K, used (\\d+)K");
  // Other collectors print one line per generation; their sum is the heap in use.
  private static final Pattern GENERATION_USED =
      Pattern.compile("(?m)^\\s*(?:PSYoungGen|ParOldGen|def new generation|tenured generation)\\s+total \\d+K, used (\\d+)K");
  private static final Pattern VM_RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final long JCMD_TIMEOUT_SECONDS = 60;

  private final long pid;

  ServerProbe(long pid) {
    this.pid = pid;
  }

  /**
   * Heap in use after {@code collections} full GCs. Two settle it: the first may leave what only a
   * finalizer or reference handler frees on its way.
   */
  long heapUsedBytesAfterGc(int collections) throws IOException, InterruptedException {
    for (int i = 0; i < collections; i++) {
      jcmd("GC.run");
    }
    return heapUsedBytes(jcmd("GC.heap_info"));
  }

  static long heapUsedBytes(String heapInfo) throws IOException {
    Matcher g1 = G1_USED.matcher(heapInfo);
    if (g1.find()) {
      return Long.parseLong(g1.group(1)) * 1024;
    }
    Matcher generations = GENERATION_USED.matcher(heapInfo);
    long used = 0;
    boolean found = false;
    while (generations.find()) {
      used += Long.parseLong(generations.group(1)) * 1024;
      found = true;
    }
    if (!found) {
      throw new IOException("cannot find the heap in use in GC.heap_info: " + heapInfo.strip());
    }
    return used;
  }

  long residentBytes() throws IOException {
    String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8);
    Matcher rss = VM_RSS.matcher(status);
    if (!rss.find()) {
      throw new IOException("no VmRSS in /proc/" + pid + "/status");
    }
    return Long.parseLong(rss.group(1)) * 1024;
  }

  /**
   * CPU time the process has used, user and system, from {@code /proc/PID/stat}. Counted in clock ticks
   * of 1/100 s (USER_HZ on every Linux this runs on), so good to 10 ms.
   */
  double cpuSeconds() throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
    // The command name may hold spaces and parentheses: the fields that follow start after the last ')'.
    java.util.List<String> fields = WHITESPACE.splitAsStream(stat.substring(stat.lastIndexOf(')') + 1).trim()).toList();
    long ticks = Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12)); // utime, stime: fields 14 and 15
    return ticks / 100.0;
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Path bundled = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    String executable = Files.isExecutable(bundled) ? bundled.toString() : "jcmd";
    // Output to a file, not a pipe: reading a pipe would block past the timeout if jcmd hung.
    Path output = Files.createTempFile("loadgen-jcmd", ".txt");
    try {
      Process process = new ProcessBuilder(executable, Long.toString(pid), command)
          .redirectErrorStream(true)
          .redirectOutput(output.toFile())
          .start();
      if (!process.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("jcmd " + pid + " " + command + " did not finish within " + JCMD_TIMEOUT_SECONDS + " s");
      }
      String text = Files.readString(output, StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new IOException("jcmd " + pid + " " + command + " failed: " + text.strip());
      }
      return text;
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
