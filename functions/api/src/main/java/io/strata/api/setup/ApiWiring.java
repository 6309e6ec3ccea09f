package io.strata.api.setup;

import io.strata.core.contract.ContractRepository;
import io.strata.core.query.QueryLimits;
import io.strata.core.query.QueryPlanner;
import io.strata.core.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The API's own beans. The hosting app provides the ports: {@code ObjectStore}, {@code
 * ContractRepository}, {@code HistoryTables}, {@code QueryEngine}, {@code SqlDialect} and a {@code
 * CallerIdentity}.
 */
@ApplicationScoped
public class ApiWiring {

  @Produces
  @ApplicationScoped
  LakeRules lakeRules(ContractRepository contracts, ObjectStore store, ApiConfig config) {
    return new LakeRules(contracts, store, config);
  }

  // Singletons, not application-scoped: records and final classes cannot have client proxies.
  @Produces
  @Singleton
  QueryLimits queryLimits(ApiConfig config) {
    ApiConfig.Query query = config.query();
    return new QueryLimits(
        query.defaultLimit(),
        query.maxLimit(),
        query.maxFilters(),
        query.maxInValues(),
        query.maxColumns(),
        query.maxOrderBy(),
        query.maxReportParameters());
  }

  @Produces
  @Singleton
  QueryPlanner queryPlanner(QueryLimits limits) {
    return new QueryPlanner(limits, Clock.systemUTC());
  }
}
