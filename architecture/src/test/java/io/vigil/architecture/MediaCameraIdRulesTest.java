package io.vigil.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;

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
    private static final String BECAUSE = "docs/ingest.md: a camera id is checked once where it enters and travels inward as a CameraId";

    @ArchTest
    static final ArchRule camera_fields_are_CameraId = CameraTypedMembers.fields(Set.of(), BECAUSE);

    @ArchTest
    static final ArchRule camera_accessors_return_CameraId = CameraTypedMembers.accessors(Set.of(), BECAUSE);
}
