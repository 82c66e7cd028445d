package io.vigil.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.vigil.storage.CameraDay;
import io.vigil.storage.LiveFeeds;
import io.vigil.storage.SegmentInfo;
import io.vigil.storage.SegmentKey;
import io.vigil.storage.SegmentStore;
import io.vigil.storage.holds.HeldFootage;
import io.vigil.storage.holds.HoldRegistry;
import io.vigil.storage.holds.LegalHold;
import java.util.List;
import java.util.Set;

/**
 * The storage API names a camera by {@code io.vigil.config.CameraId}, never by a bare string
 * (docs/storage.md, "Cameras are CameraId values"): the segment API's types take no
 * {@code String} at all, except the reason of a recorded gap, and the holds' footage checks
 * take the camera as the type. A string slipping back in would let an unchecked id reach the
 * index keys and file names again.
 */
@AnalyzeClasses(packages = "io.vigil.storage", importOptions = ImportOption.DoNotIncludeTests.class)
class CameraIdRulesTest {
    /** Types of the segment API whose every public method and constructor is checked. */
    private static final Set<Class<?>> SEGMENT_API = Set.of(SegmentStore.class, SegmentKey.class, SegmentInfo.class,
            CameraDay.class, LiveFeeds.class, HeldFootage.class);
    /** Methods of the holds that ask about a camera's footage. */
    private static final Set<String> HOLD_CHECKS = Set.of("covers", "coversFootage");

    @ArchTest
    static final ArchRule storage_api_takes_cameras_as_CameraId = codeUnits()
            .that(new DescribedPredicate<JavaCodeUnit>("are public code units of the segment API or the holds' footage checks") {
                @Override
                public boolean test(JavaCodeUnit u) {
                    if (!u.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)) return false;
                    JavaClass owner = u.getOwner();
                    if (SEGMENT_API.stream().anyMatch(owner::isEquivalentTo)) return true;
                    return (owner.isEquivalentTo(LegalHold.class) || owner.isEquivalentTo(HoldRegistry.class))
                            && HOLD_CHECKS.contains(u.getName());
                }
            })
            .should(takeNoStringExceptAGapReason())
            .because("docs/storage.md: a camera id is checked once where it enters and passed to storage as a CameraId");

    private static ArchCondition<JavaCodeUnit> takeNoStringExceptAGapReason() {
        return new ArchCondition<>("take no String parameter (but recordGap's reason)") {
            @Override
            public void check(JavaCodeUnit u, ConditionEvents events) {
                List<JavaClass> params = u.getRawParameterTypes();
                for (int i = 0; i < params.size(); i++) {
                    boolean gapReason = u.getName().equals("recordGap") && i == params.size() - 1;
                    if (params.get(i).isEquivalentTo(String.class) && !gapReason) {
                        events.add(SimpleConditionEvent.violated(u, u.getFullName() + " takes a String as parameter " + (i + 1)
                                + ": name a camera by io.vigil.config.CameraId"));
                    }
                }
            }
        };
    }
}
