package io.strata.local.iceberg;

import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.iceberg.MetadataUpdate;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.UpdateRequirement;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.rest.requests.UpdateTableRequest;

/**
 * Which commits an attached engine may make. Appends, schema and property changes go through (they
 * bypass contracts, as the README says); what would take from the lake what it relies on is refused
 * with 403: creating a table (the lake creates them from contracts), removing snapshots or
 * references (time travel and the exactly-once check read them), moving or re-identifying a table,
 * and the properties the lake's commits rely on ({@code commit.retry.num-retries}, {@code
 * strata.*}).
 */
final class CommitGuard {

  private CommitGuard() {}

  /** Throws {@link ForbiddenException} when the request holds a commit the lake refuses. */
  static void check(TableIdentifier table, UpdateTableRequest request) {
    refusal(request)
        .ifPresent(
            reason -> {
              throw new ForbiddenException(
                  "Cannot commit to %s through the lake's Iceberg REST catalog: %s", table, reason);
            });
  }

  static Optional<String> refusal(UpdateTableRequest request) {
    if (request.requirements().stream()
        .anyMatch(UpdateRequirement.AssertTableDoesNotExist.class::isInstance)) {
      return Optional.of("tables are created by the lake from their contracts");
    }
    for (MetadataUpdate update : request.updates()) {
      Optional<String> reason = refusal(update);
      if (reason.isPresent()) {
        return reason;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> refusal(MetadataUpdate update) {
    if (update instanceof MetadataUpdate.RemoveSnapshots
        || update instanceof MetadataUpdate.RemoveSnapshotRef) {
      return Optional.of(
          "removing snapshots or references would take history that time travel and the lake's"
              + " exactly-once check read");
    }
    if (update instanceof MetadataUpdate.SetLocation
        || update instanceof MetadataUpdate.AssignUUID) {
      return Optional.of("a table's location and identity are the lake's");
    }
    Stream<String> keys = Stream.empty();
    if (update instanceof MetadataUpdate.SetProperties set) {
      keys = set.updated().keySet().stream();
    } else if (update instanceof MetadataUpdate.RemoveProperties remove) {
      keys = remove.removed().stream();
    }
    return keys.filter(CommitGuard::ownedByTheLake)
        .findFirst()
        .map(key -> "the property " + key + " is the lake's");
  }

  private static boolean ownedByTheLake(String key) {
    return key.equals(TableProperties.COMMIT_NUM_RETRIES)
        || key.toLowerCase(Locale.ROOT).startsWith("strata.");
  }
}
