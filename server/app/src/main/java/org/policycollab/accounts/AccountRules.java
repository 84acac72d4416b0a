package org.policycollab.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/**
 * What an account's fields may hold. Usernames are stable ids that also prefix connection ids, so they
 * are plain: lowercase letters, digits, '.', '_' and '-' (never ':'). Every refusal says what is wrong.
 */
final class AccountRules {
  static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  static final int MIN_PASSWORD = 10;
  static final int MAX_PASSWORD = 1024;
  static final int MAX_NAME = 100;
  static final int MAX_EMAIL = 254;

  private AccountRules() {}

  static String username(JsonNode value) {
    String username = value != null && value.isTextual() ? value.textValue() : null;
    if (username == null || !USERNAME.matcher(username).matches()) {
      throw bad("a username has 1 to 64 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit");
    }
    return username;
  }

  static String password(JsonNode value) {
    String password = value != null && value.isTextual() ? value.textValue() : null;
    if (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
      throw bad("a password has " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
    }
    return password;
  }

  static String displayName(JsonNode value) {
    String name = text(value, "displayName", MAX_NAME);
    if (name.isEmpty()) {
      throw bad("a display name has 1 to " + MAX_NAME + " characters");
    }
    return name;
  }

  /** An optional text field: absent is empty; trimmed, at most {@code max} characters, no control characters. */
  static String text(JsonNode value, String field, int max) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "";
    }
    if (!value.isTextual()) {
      throw bad(field + " must be a string");
    }
    String text = value.textValue().strip();
    if (text.length() > max || text.codePoints().anyMatch(Character::isISOControl)) {
      throw bad(field + " has at most " + max + " characters and no control characters");
    }
    return text;
  }

  static String email(JsonNode value) {
    String email = text(value, "email", MAX_EMAIL);
    if (!email.isEmpty() && !email.matches("[^@\\s]+@[^@\\s]+")) {
      throw bad("email must look like name@example.org");
    }
    return email;
  }

  static boolean flag(JsonNode value, String field, boolean otherwise) {
    if (value == null || value.isMissingNode() || value.isNull()) {
      return otherwise;
    }
    if (!value.isBoolean()) {
      throw bad(field + " must be true or false");
    }
    return value.booleanValue();
  }

  static AccountException bad(String message) {
    return new AccountException(400, "ERR_BAD_REQUEST", message, 0);
  }
}
