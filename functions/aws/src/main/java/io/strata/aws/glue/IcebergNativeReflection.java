package io.strata.aws.glue;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Registers for reflection, in a native image of either function, what Iceberg creates by name: the
 * FileIO and AWS client factory the GlueCatalog loads from its properties, the url-connection HTTP
 * client settings it looks up, and the classes its Avro readers instantiate for manifest lists,
 * manifests, their entries and partition values.
 */
@RegisterForReflection(
    classNames = {
      "org.apache.iceberg.aws.s3.S3FileIO",
      "org.apache.iceberg.aws.AwsClientFactories$DefaultAwsClientFactory",
      "org.apache.iceberg.aws.UrlConnectionHttpClientConfigurations",
      "org.apache.iceberg.GenericManifestFile",
      "org.apache.iceberg.GenericPartitionFieldSummary",
      "org.apache.iceberg.GenericManifestEntry",
      "org.apache.iceberg.GenericDataFile",
      "org.apache.iceberg.GenericDeleteFile",
      "org.apache.iceberg.PartitionData"
    })
final class IcebergNativeReflection {

  private IcebergNativeReflection() {}
}
