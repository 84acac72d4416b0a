package org.policycollab.review;

/** An op that breaks a suggestion rule; the message says which, for the person who sent it. */
public final class SuggestionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  SuggestionException(String message) {
    super(message, null, false, false);
  }
}
