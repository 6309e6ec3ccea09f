package io.strata.api.setup;

import io.strata.core.contract.ContractRepository;
import io.strata.core.store.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * The API's own beans. The hosting app provides the ports: {@code ObjectStore}, {@code
 * ContractRepository}, {@code Catalog}, {@code QueryEngine}, {@code SqlDialect} and a {@code
 * CallerIdentity}.
 */
@ApplicationScoped
public class ApiWiring {

  @Produces
  @ApplicationScoped
  LakeRules lakeRules(ContractRepository contracts, ObjectStore store, ApiConfig config) {
    return new LakeRules(contracts, store, config);
  }
}
