package io.vigil.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SliceRule;
import java.util.Set;

/**
 * The package rules of docs/architecture.md: inside each module the packages form no cycle
 * (each package is one slice), and storage's API package names none of its implementation
 * packages except through the factory {@code VigilStores} (storage's package-info).
 *
 * <p>A module's assembly class (the one that builds its parts, or the process entry point)
 * sits above every package of its module by design, so it is a slice of its own:
 * {@code VigilStores} (storage's factory), {@code AccessGateway} (builds the gateway's APIs
 * over its context) and the server's {@code Main} (hands the command line to {@code cli}).
 * Nothing may depend on them from inside their module without making a cycle again.
 */
@AnalyzeClasses(packages = "io.vigil", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageRulesTest {

    @ArchTest
    static final ArchRule config_packages_form_no_cycle = packagesOf("io.vigil.config");
    @ArchTest
    static final ArchRule ingest_packages_form_no_cycle = packagesOf("io.vigil.ingest");
    @ArchTest
    static final ArchRule storage_packages_form_no_cycle = packagesOf("io.vigil.storage", "VigilStores");
    @ArchTest
    static final ArchRule gateway_packages_form_no_cycle = packagesOf("io.vigil.gateway", "AccessGateway");
    @ArchTest
    static final ArchRule purge_packages_form_no_cycle = packagesOf("io.vigil.purge");
    @ArchTest
    static final ArchRule redaction_packages_form_no_cycle = packagesOf("io.vigil.redaction");
    @ArchTest
    static final ArchRule server_packages_form_no_cycle = packagesOf("io.vigil.server", "Main");

    @ArchTest
    static final ArchRule storage_api_does_not_depend_on_its_implementation = noClasses()
            .that().resideInAPackage("io.vigil.storage")
            .and().doNotHaveSimpleName("VigilStores")
            .should().dependOnClassesThat().resideInAnyPackage("io.vigil.storage.*..")
            .because("storage's package-info and docs/storage.md: the API names no sub-package; only the"
                    + " factory VigilStores names the implementation");

    /**
     * One slice per package of the module rooted at {@code root}, plus one per assembly class
     * (simple names, in the root package); no cycle among them.
     */
    private static SliceRule packagesOf(String root, String... assemblyClasses) {
        return slices().assignedFrom(new EachPackageOf(root, Set.of(assemblyClasses))).should().beFreeOfCycles()
                .because("a package cycle makes a module one tangle: dependencies between its packages point one way");
    }

    private record EachPackageOf(String root, Set<String> assemblyClasses) implements SliceAssignment {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String pkg = javaClass.getPackageName();
            if (pkg.equals(root) && assemblyClasses.contains(outermost(javaClass).getSimpleName())) {
                return SliceIdentifier.of(pkg + " assembly " + outermost(javaClass).getSimpleName());
            }
            return pkg.equals(root) || pkg.startsWith(root + ".") ? SliceIdentifier.of(pkg) : SliceIdentifier.ignore();
        }

        private static JavaClass outermost(JavaClass c) {
            return c.getEnclosingClass().map(EachPackageOf::outermost).orElse(c);
        }

        @Override
        public String getDescription() {
            return "packages of " + root;
        }
    }
}
