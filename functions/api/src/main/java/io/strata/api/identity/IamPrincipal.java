package io.strata.api.identity;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IAM caller reduced to what grants name: the account, whether it is a role or a user, and its
 * name. An assumed-role session ({@code arn:aws:sts::<account>:assumed-role/<role>/<session>}) is
 * its role; paths are dropped because session ARNs do not carry them.
 */
public record IamPrincipal(String partition, String account, Kind kind, String name) {

  /** Roles and users; nothing else calls the API. */
  public enum Kind {
    ROLE,
    USER
  }

  private static final Pattern IAM =
      Pattern.compile(
          "arn:(aws[a-z-]*):iam::([0-9]{12}):(role|user)/(?:[A-Za-z0-9+=,.@_-]+/)*([A-Za-z0-9+=,.@_-]{1,128})");
  private static final Pattern SESSION =
      Pattern.compile(
          "arn:(aws[a-z-]*):sts::([0-9]{12}):assumed-role/([A-Za-z0-9+=,.@_-]{1,128})/[A-Za-z0-9+=,.@_-]{1,64}");

  public IamPrincipal {
    Objects.requireNonNull(partition, "partition");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }

  /** The principal an IAM role, user or assumed-role session ARN names; empty for anything else. */
  public static Optional<IamPrincipal> parse(String arn) {
    if (arn == null || arn.length() > 2048) {
      return Optional.empty();
    }
    Matcher iam = IAM.matcher(arn);
    if (iam.matches()) {
      Kind kind = iam.group(3).equals("role") ? Kind.ROLE : Kind.USER;
      return Optional.of(new IamPrincipal(iam.group(1), iam.group(2), kind, iam.group(4)));
    }
    Matcher session = SESSION.matcher(arn);
    if (session.matches()) {
      return Optional.of(
          new IamPrincipal(session.group(1), session.group(2), Kind.ROLE, session.group(3)));
    }
    return Optional.empty();
  }

  /** The role or user ARN without path, as the audit log and query ownership record it. */
  public String arn() {
    return "arn:"
        + partition
        + ":iam::"
        + account
        + ":"
        + kind.name().toLowerCase(Locale.ROOT)
        + "/"
        + name;
  }
}
