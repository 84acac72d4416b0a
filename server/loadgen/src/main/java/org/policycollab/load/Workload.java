package org.policycollab.load;

/**
 * One scripted load. It reads its options when made, runs on the caller's thread (blocking only that
 * thread), counts its errors on the context's tally and returns its figures; the caller adds the
 * error count, prints, and decides the exit code.
 */
interface Workload {
  String name();

  ResultTable run(LoadContext context) throws Exception;
}
