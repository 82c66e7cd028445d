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
import java.util.regex.Pattern;

/**
 * Ingest, redaction and the camera simulator (ingest's and the server's host of it) carry a
 * camera as {@code io.vigil.config.CameraId} (docs/ingest.md, docs/redaction.md): an id is checked once
 * where it enters (the configuration, a pushing camera's RTSP path, a stored subject request)
 * and travels inward as the type. So no field, record component or method whose name says it
 * holds a camera ({@code camera}, {@code cameraId}, {@code cameras}, {@code knownCamera}, ...)
 * is a {@code String} or a collection of them. Parameter names are not in the class files,
 * so parameters are checked where the values land: in these fields and records.
 */
@AnalyzeClasses(packages = {"io.vigil.ingest", "io.vigil.redaction", "io.vigil.server.sim"},
        importOptions = ImportOption.DoNotIncludeTests.class)
class MediaCameraIdRulesTest {
    /** A name that says the member is a camera or cameras (not e.g. cameraAddress or cameraTime). */
    private static final Pattern CAMERA_NAME = Pattern.compile("(?i).*camera(id)?s?");

    @ArchTest
    static final ArchRule camera_fields_are_CameraId = fields()
            .that(namedForACamera())
            .should(new ArchCondition<JavaField>("not be a String or hold Strings") {
                @Override
                public void check(JavaField f, ConditionEvents events) {
                    report(f, f.getType(), events);
                }
            })
            .because("docs/ingest.md: a camera id is checked once where it enters and travels inward as a CameraId");

    @ArchTest
    static final ArchRule camera_accessors_return_CameraId = methods()
            .that(namedForACamera())
            .should(new ArchCondition<JavaMethod>("not return a String or Strings") {
                @Override
                public void check(JavaMethod m, ConditionEvents events) {
                    report(m, m.getReturnType(), events);
                }
            })
            .because("docs/ingest.md: a camera id is checked once where it enters and travels inward as a CameraId");

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
                && p.getActualTypeArguments().stream().anyMatch(MediaCameraIdRulesTest::holdsStrings);
    }
}
