package io.strata.api.query;

import io.strata.api.error.ApiException;
import io.strata.api.setup.ApiConfig;
import io.strata.core.query.QueryEngine;
import io.strata.core.query.QueryEngineException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many queries each caller has unfinished, so that one caller cannot fill the engine: a start
 * first takes a slot of its owner, and is refused with 429 {@code too_many_queries} when the owner
 * holds {@code strata.query.max-running-per-caller} already. A slot is given back when its query
 * ends within the request's wait or fails to start; a query still running when the request answers
 * 202 keeps its slot until the engine reports it done (checked when the owner next starts one).
 */
@ApplicationScoped
public class CallerQueries {

  @Inject QueryEngine engine;
  @Inject ApiConfig config;

  private final Map<String, List<Slot>> slotsByOwner = new ConcurrentHashMap<>();

  /** A place for one query of one owner; close it once the query's fate is known. */
  public final class Slot implements AutoCloseable {

    private final String owner;
    private volatile String queryId;
    private volatile boolean kept;
    private volatile boolean duplicate;

    private Slot(String owner) {
      this.owner = owner;
    }

    /**
     * The engine accepted the query under this id. A retry under the same Idempotency-Key gets the
     * id of a query the owner holds a slot for already: it takes no second one.
     */
    public void started(String id) {
      List<Slot> slots = slotsByOwner.get(owner);
      synchronized (slots) {
        this.queryId = id;
        this.duplicate = slots.stream().anyMatch(s -> s != this && id.equals(s.queryId));
      }
    }

    /** The query runs on after the request answers: the slot stays taken until it ends. */
    public void keep() {
      this.kept = queryId != null && !duplicate;
    }

    @Override
    public void close() {
      if (!kept) {
        List<Slot> slots = slotsByOwner.get(owner);
        synchronized (slots) {
          slots.remove(this);
        }
      }
    }
  }

  /** Takes a slot for the owner, or refuses with 429 when it has none left. */
  public Slot take(String owner) {
    int max = config.query().maxRunningPerCaller();
    List<Slot> slots = slotsByOwner.computeIfAbsent(owner, o -> new ArrayList<>());
    synchronized (slots) {
      if (slots.size() >= max) {
        slots.removeIf(this::ended);
      }
      if (slots.size() >= max) {
        throw new ApiException(
            429,
            "too_many_queries",
            "Principal "
                + owner
                + " has "
                + slots.size()
                + " queries unfinished, the most one caller may run at once; wait until one has"
                + " finished (poll GET /queries/{queryId}) and try again");
      }
      Slot slot = new Slot(owner);
      slots.add(slot);
      return slot;
    }
  }

  /** Whether a kept slot's query has ended, as far as the engine knows. */
  private boolean ended(Slot slot) {
    if (!slot.kept) {
      return false;
    }
    try {
      return engine.status(slot.queryId).state().done();
    } catch (QueryEngineException e) {
      // Forgotten by the engine, or the engine cannot tell: do not let it block the caller forever.
      return e.reason() == QueryEngineException.Reason.NOT_FOUND;
    }
  }
}
