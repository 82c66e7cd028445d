package io.vigil.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;

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
    /** The unchecked form, as typed: its ids enter through RequestValidator. */
    private static final Set<String> RAW_INPUT = Set.of("io.vigil.gateway.requests.RequestForm.cameras");
    private static final String BECAUSE = "docs/architecture.md: a camera id is checked once where it enters and travels inward as a CameraId";

    @ArchTest
    static final ArchRule camera_fields_are_CameraId = CameraTypedMembers.fields(RAW_INPUT, BECAUSE);

    @ArchTest
    static final ArchRule camera_accessors_return_CameraId = CameraTypedMembers.accessors(RAW_INPUT, BECAUSE);
}
