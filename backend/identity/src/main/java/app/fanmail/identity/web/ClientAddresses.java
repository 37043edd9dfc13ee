package app.fanmail.identity.web;

import java.util.Collections;
import java.util.List;

import app.fanmail.kernel.web.TrustedProxies;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The client address of a request: {@code X-Forwarded-For} is believed only from a configured proxy. */
@ApplicationScoped
public class ClientAddresses {
    @Inject
    @ConfigProperty(name = TrustedProxies.CONFIG_KEY, defaultValue = "none")
    List<String> trustedProxies;

    private TrustedProxies proxies;

    @PostConstruct
    void init() {
        proxies = TrustedProxies.parse(trustedProxies);
    }

    public String of(HttpServletRequest request) {
        return proxies.clientAddress(request.getRemoteAddr(), Collections.list(request.getHeaders("X-Forwarded-For")));
    }
}
