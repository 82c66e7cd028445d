/**
 * Previews of stored footage for browsing (keyframe thumbnails for the timeline). Footage
 * too: served only through a viewing grant by the API layer.
 */
package io.vigil.gateway.preview;
