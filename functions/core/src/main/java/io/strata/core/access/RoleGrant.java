package io.strata.core.access;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One Strata role: the IAM principals that hold it and what it may do. Deny by default: a role sees
 * only the datasets it lists, runs only its reports and exports only its export datasets, unless it
 * is an admin, which may do everything.
 *
 * @param principals IAM role or user ARNs that hold this role, beside the IAM role the
 *     infrastructure generates for it
 * @param datasets the role's grant per visible dataset, in declaration order
 * @param reports names of the reports the role may run
 * @param exports datasets the role may export for model training; each is among {@code datasets}
 */
public record RoleGrant(
    String name,
    String description,
    boolean admin,
    List<String> principals,
    Map<String, DatasetGrant> datasets,
    List<String> reports,
    List<String> exports) {

  /**
   * Role names: lower case words joined by single hyphens (no leading, trailing or doubled hyphen),
   * usable in IAM names, CloudFormation ids and URLs.
   */
  public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

  /** IAM role or user ARNs (assumed-role sessions are mapped to their role by the query API). */
  public static final Pattern PRINCIPAL =
      Pattern.compile("arn:aws[a-z-]*:iam::[0-9]{12}:(role|user)/[A-Za-z0-9+=,.@_/-]+");

  /** Report names as they appear in {@code POST /reports/{name}}. */
  public static final Pattern REPORT = Pattern.compile("[a-z][a-z0-9_-]*");

  public RoleGrant {
    Objects.requireNonNull(name, "name");
    description = description == null ? "" : description;
    principals = List.copyOf(principals);
    datasets = Collections.unmodifiableMap(new LinkedHashMap<>(datasets));
    reports = List.copyOf(reports);
    exports = List.copyOf(exports);
    String subject = "Cannot create role " + name + ": ";
    if (!NAME.matcher(name).matches()) {
      throw new AccessPolicyException(subject + "name must match " + NAME.pattern());
    }
    if (admin && !(datasets.isEmpty() && reports.isEmpty() && exports.isEmpty())) {
      throw new AccessPolicyException(
          subject + "an admin role may do everything and lists no datasets, reports or exports");
    }
    unique(subject, "principal", principals);
    unique(subject, "report", reports);
    unique(subject, "export", exports);
    for (String principal : principals) {
      if (!PRINCIPAL.matcher(principal).matches()) {
        throw new AccessPolicyException(
            subject + "principal '" + principal + "' is not an IAM role or user ARN");
      }
    }
    for (Map.Entry<String, DatasetGrant> entry : datasets.entrySet()) {
      if (!entry.getKey().equals(entry.getValue().dataset())) {
        throw new AccessPolicyException(
            subject
                + "grant of dataset "
                + entry.getValue().dataset()
                + " is filed under "
                + entry.getKey());
      }
    }
    for (String report : reports) {
      if (!REPORT.matcher(report).matches()) {
        throw new AccessPolicyException(
            subject + "report name '" + report + "' must match " + REPORT.pattern());
      }
    }
    for (String export : exports) {
      if (!datasets.containsKey(export)) {
        throw new AccessPolicyException(
            subject + "cannot export dataset " + export + ", which the role cannot see");
      }
    }
  }

  /** An admin role: every dataset, report and export. */
  public static RoleGrant admin(String name, String description, List<String> principals) {
    return new RoleGrant(name, description, true, principals, Map.of(), List.of(), List.of());
  }

  /** Whether the role may see the dataset at all. */
  public boolean canSee(String dataset) {
    return admin || datasets.containsKey(dataset);
  }

  /** What the role sees of the dataset; empty when it may not see it. */
  public Optional<DatasetGrant> grantFor(String dataset) {
    if (admin) {
      return Optional.of(DatasetGrant.unrestricted(dataset));
    }
    return Optional.ofNullable(datasets.get(dataset));
  }

  /** Whether the role may export the dataset. */
  public boolean canExport(String dataset) {
    return admin || exports.contains(dataset);
  }

  /** Whether the role may run the named report. */
  public boolean canRunReport(String report) {
    return admin || reports.contains(report);
  }

  private static void unique(String subject, String what, List<String> values) {
    Set<String> seen = new HashSet<>();
    for (String value : values) {
      if (!seen.add(value)) {
        throw new AccessPolicyException(subject + what + " '" + value + "' is listed twice");
      }
    }
  }
}
