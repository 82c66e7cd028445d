package io.vigil.server.cli;

import io.vigil.server.UserFacingException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Checks, before anything starts, that the ports a command will listen on are free, so a
 * busy port is told in the operator's language with the port, what wanted it and the
 * option or setting that changes it. (The listeners' own bind errors remain the last line
 * of defence for the moment between this check and the bind, in English.)
 */
final class FreePorts {
    private FreePorts() {}

    /**
     * @param what   what wanted the port, in the operator's words ("the web viewer (HTTPS)")
     * @param change how to choose another, in the operator's words ("choose another with --port")
     */
    static void require(InetSocketAddress address, String what, String change) {
        if (address == null || address.getPort() == 0) return; // 0: the system picks a free port
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(address);
        } catch (BindException e) {
            boolean inUse = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("in use");
            throw new UserFacingException(inUse ? "error.portInUse" : "error.portUnavailable", "port", address.getPort(),
                    "address", address.getHostString() + ":" + address.getPort(), "what", what, "change", change,
                    "detail", String.valueOf(e.getMessage()));
        } catch (IOException | SecurityException e) {
            throw new UserFacingException("error.portUnavailable", "port", address.getPort(),
                    "address", address.getHostString() + ":" + address.getPort(), "what", what, "change", change,
                    "detail", String.valueOf(e.getMessage()));
        }
    }
}
