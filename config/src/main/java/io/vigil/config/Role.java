package io.vigil.config;

import java.util.Locale;

/** Who a user is to Vigil; decides what they may do (docs/security.md, "Roles and the permission matrix"). */
public enum Role {
    /** Reviews footage in the server room, within per-camera grants. */
    SECURITY_STAFF,
    /** Video-information manager: decides subject requests, places legal holds. */
    PRIVACY_MANAGER,
    /** Audits the viewing ledger; places and releases legal holds. */
    PRIVACY_OFFICER,
    /** Installs, adds cameras and users, watches health. Does not view footage by default. */
    ADMINISTRATOR;

    /** The spelling used in YAML and on the command line: "security-staff". */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Role fromConfigName(String s) {
        for (Role r : values()) if (r.configName().equals(s)) return r;
        throw new ConfigValueException("config.unknownRole", "value", s, "valid", "security-staff, privacy-manager, privacy-officer, administrator");
    }
}
