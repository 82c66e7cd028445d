package io.vigil.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module rules of docs/architecture.md over every module's production classes: config and
 * storage at the bottom; ingest, access-gateway and purge-daemon never depend on each other;
 * redaction is used by the gateway (and the server) only and uses config and storage only; the
 * server wires everything and nobody depends on it. Maven already refuses a dependency missing
 * from a pom; these rules also catch one added to a pom, which is how structure rots.
 */
@AnalyzeClasses(packages = "io.vigil", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleRulesTest {

    @ArchTest
    static final ArchRule modules_depend_only_downwards = layeredArchitecture()
            .consideringOnlyDependenciesInAnyPackage("io.vigil..")
            .layer("config").definedBy("io.vigil.config..")
            .layer("storage").definedBy("io.vigil.storage..")
            .layer("ingest").definedBy("io.vigil.ingest..")
            .layer("access-gateway").definedBy("io.vigil.gateway..")
            .layer("purge-daemon").definedBy("io.vigil.purge..")
            .layer("redaction").definedBy("io.vigil.redaction..")
            .layer("server").definedBy("io.vigil.server..")
            .whereLayer("config").mayNotAccessAnyLayer()
            .whereLayer("storage").mayOnlyAccessLayers("config")
            .whereLayer("ingest").mayOnlyAccessLayers("config", "storage")
            .whereLayer("access-gateway").mayOnlyAccessLayers("config", "storage", "redaction")
            .whereLayer("purge-daemon").mayOnlyAccessLayers("config", "storage")
            .whereLayer("redaction").mayOnlyAccessLayers("config", "storage")
            .whereLayer("redaction").mayOnlyBeAccessedByLayers("access-gateway", "server")
            .whereLayer("ingest").mayOnlyBeAccessedByLayers("server")
            .whereLayer("access-gateway").mayOnlyBeAccessedByLayers("server")
            .whereLayer("purge-daemon").mayOnlyBeAccessedByLayers("server")
            .whereLayer("server").mayNotBeAccessedByAnyLayer()
            .because("docs/architecture.md: config and storage at the bottom, the three services never"
                    + " reach sideways, the server wires them");

    /** Other modules see storage through its API (io.vigil.storage) and the services beside it. */
    @ArchTest
    static final ArchRule other_modules_use_only_the_storage_api = noClasses()
            .that().resideOutsideOfPackage("io.vigil.storage..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.vigil.storage.engine..", "io.vigil.storage.segments..", "io.vigil.storage.ledger..",
                    "io.vigil.storage.records..", "io.vigil.storage.db..")
            .because("docs/storage.md: the other sub-packages are the implementation, never imported by another"
                    + " module; open a store with VigilStores.open and use the interfaces");

    /** Production code never uses the test kit (it is a test-scope dependency everywhere). */
    @ArchTest
    static final ArchRule production_code_does_not_use_the_test_kit = noClasses()
            .should().dependOnClassesThat().resideInAPackage("io.vigil.testkit..")
            .because("the test kit holds fixtures for tests only");
}
