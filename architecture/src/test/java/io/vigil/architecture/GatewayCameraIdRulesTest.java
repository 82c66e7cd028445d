package io.vigil.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaParameterizedType;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The gateway's domain (grants, accounts, subject requests, the live wall, masking) and the storage's
 * legal holds carry a camera as {@code io.vigil.config.CameraId} (docs/architecture.md,
 * "Camera ids"): an id is checked once where it enters (the HTTP API's bodies and URLs in
 * {@code gateway.api}, {@code gateway.http.CameraParams}, the command line, a stored record
 * read back) and travels inward as the type. So no field, record component or method there
 * whose name says it holds a camera ({@code camera}, {@code cameraId}, {@code cameras}, ...)
 * is a {@code String} or a collection of them. Parameter names are not in the class files,
 * so parameters are checked where the values land: in these fields and records.
 *
 * <p>One field is text on purpose: {@code RequestForm.cameras}, the privacy manager's form as
 * typed, which {@code RequestValidator} checks (the place the ids enter) and turns into ids.
 */
@AnalyzeClasses(packages = {"io.vigil.gateway.grants", "io.vigil.gateway.accounts", "io.vigil.gateway.requests",
        "io.vigil.gateway.live", "io.vigil.gateway.masking", "io.vigil.storage.holds"}, importOptions = ImportOption.DoNotIncludeTests.class)
class GatewayCameraIdRulesTest {
    /** A name that says the member is a camera or cameras (not e.g. cameraNames or holdsCamera's boolean). */
    private static final Pattern CAMERA_NAME = Pattern.compile("(?i).*camera(id)?s?");
    /** The unchecked form, as typed: its ids enter through RequestValidator. */
    private static final Set<String> RAW_INPUT = Set.of("io.vigil.gateway.requests.RequestForm.cameras");

    @ArchTest
    static final ArchRule camera_fields_are_CameraId = fields()
            .that(namedForACamera())
            .should(new ArchCondition<JavaField>("not be a String or hold Strings") {
                @Override
                public void check(JavaField f, ConditionEvents events) {
                    if (!RAW_INPUT.contains(f.getOwner().getName() + "." + f.getName())) report(f, f.getType(), events);
                }
            })
            .because("docs/architecture.md: a camera id is checked once where it enters and travels inward as a CameraId");

    @ArchTest
    static final ArchRule camera_accessors_return_CameraId = methods()
            .that(namedForACamera())
            .should(new ArchCondition<JavaMethod>("not return a String or Strings") {
                @Override
                public void check(JavaMethod m, ConditionEvents events) {
                    if (!RAW_INPUT.contains(m.getOwner().getName() + "." + m.getName())) report(m, m.getReturnType(), events);
                }
            })
            .because("docs/architecture.md: a camera id is checked once where it enters and travels inward as a CameraId");

    private static <T extends JavaMember> DescribedPredicate<T> namedForACamera() {
        return new DescribedPredicate<>("are named for a camera") {
            @Override
            public boolean test(T member) {
                return CAMERA_NAME.matcher(member.getName()).matches();
            }
        };
    }

    private static void report(JavaMember member, JavaType type, ConditionEvents events) {
        if (holdsStrings(type)) {
            events.add(SimpleConditionEvent.violated(member, member.getFullName() + " is " + type.getName()
                    + ": name a camera by io.vigil.config.CameraId"));
        }
    }

    /** String itself, or a generic type with String among its type arguments (List, Set, Map keys or values). */
    private static boolean holdsStrings(JavaType type) {
        if (type.toErasure().isEquivalentTo(String.class)) return true;
        return type instanceof JavaParameterizedType p
                && p.getActualTypeArguments().stream().anyMatch(GatewayCameraIdRulesTest::holdsStrings);
    }
}
