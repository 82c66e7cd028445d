package io.vigil.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaParameterizedType;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The two rules the camera-id tests ({@link GatewayCameraIdRulesTest}, {@link MediaCameraIdRulesTest})
 * apply to their packages: no field, record component or method whose name says it holds a
 * camera ({@code camera}, {@code cameraId}, {@code cameras}, {@code knownCamera}, ...) is a
 * {@code String} or a collection of them. Parameter names are not in the class files, so
 * parameters are checked where the values land: in these fields and records.
 */
final class CameraTypedMembers {
    /** A name that says the member is a camera or cameras (not e.g. cameraAddress or holdsCamera's boolean). */
    private static final Pattern CAMERA_NAME = Pattern.compile("(?i).*camera(id)?s?");

    private CameraTypedMembers() {}

    /** Fields named for a camera are no String; {@code except}: "owner class name.field" left as text on purpose. */
    static ArchRule fields(Set<String> except, String because) {
        return ArchRuleDefinition.fields().that(namedForACamera())
                .should(new ArchCondition<JavaField>("not be a String or hold Strings") {
                    @Override
                    public void check(JavaField f, ConditionEvents events) {
                        if (!except.contains(f.getOwner().getName() + "." + f.getName())) report(f, f.getType(), events);
                    }
                })
                .because(because);
    }

    /** Methods named for a camera return no String; {@code except} as for {@link #fields}. */
    static ArchRule accessors(Set<String> except, String because) {
        return ArchRuleDefinition.methods().that(namedForACamera())
                .should(new ArchCondition<JavaMethod>("not return a String or Strings") {
                    @Override
                    public void check(JavaMethod m, ConditionEvents events) {
                        if (!except.contains(m.getOwner().getName() + "." + m.getName())) report(m, m.getReturnType(), events);
                    }
                })
                .because(because);
    }

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
                && p.getActualTypeArguments().stream().anyMatch(CameraTypedMembers::holdsStrings);
    }
}
