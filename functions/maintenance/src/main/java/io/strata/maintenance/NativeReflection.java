package io.strata.maintenance;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Registers for reflection what Jackson reads and writes in a native image: the EventBridge
 * scheduled event and the handler's answer.
 */
@RegisterForReflection(targets = {ScheduledEvent.class, MaintenanceOutcome.class})
final class NativeReflection {

  private NativeReflection() {}
}
