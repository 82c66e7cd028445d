package io.vigil.gateway;

import io.vigil.gateway.accounts.Account;
import io.vigil.gateway.accounts.Session;

/** The authenticated caller of a request: their session and account as of this request. */
public record Principal(Session session, Account account) {
    public String username() {
        return account.username();
    }
}
