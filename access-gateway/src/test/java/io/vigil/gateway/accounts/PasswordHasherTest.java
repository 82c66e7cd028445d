package io.vigil.gateway.accounts;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    @Test
    void productionParametersHashAndVerify() {
        String phc = PasswordHasher.DEFAULT.hash("correct-horse-battery".toCharArray());
        assertTrue(phc.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), phc);
        assertTrue(PasswordHasher.verify("correct-horse-battery".toCharArray(), phc));
        assertFalse(PasswordHasher.verify("correct-horse-batterz".toCharArray(), phc));
        assertNotEquals(phc, PasswordHasher.DEFAULT.hash("correct-horse-battery".toCharArray()), "random salt");
    }

    @Test
    void malformedHashesNeverVerify() {
        for (String bad : List.of("", "plain", "$argon2i$v=19$m=1024,t=1,p=1$AAAA$AAAA", "$argon2id$v=19$m=x,t=1,p=1$AAAA$AAAA",
                "$argon2id$v=19$m=1024,t=1,p=1$!!$AAAA")) {
            assertFalse(PasswordHasher.verify("anything-long".toCharArray(), bad), bad);
        }
    }

    @Test
    void shortPasswordsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AccountService.checkPassword("elevenchars".toCharArray()));
        assertTrue(e.getMessage().contains("at least 12"));
    }
}
