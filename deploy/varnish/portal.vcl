# Varnish in front of the portal (nginx, or gunicorn directly): a shared cache for anonymous
# readers that the portal keeps fresh with PURGE requests (portal.mirror purges the same
# addresses it rewrites in the static mirror; settings: PORTAL_FRONTEND_CACHE_URL pointing at
# this Varnish, e.g. http://127.0.0.1:6081).
#
# Tested by portal/mirror/tests/test_varnish.py against a real varnishd (the test replaces the
# backend's port only).
vcl 4.1;

backend default {
    .host = "127.0.0.1";
    .port = "8080";
}

# Only the portal's own hosts may purge.
acl purgers {
    "127.0.0.1";
    "::1";
    "localhost";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Purging is not allowed from here."));
        }
        return (purge);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Logged-in users (a session) and readers with a message waiting: always the application.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    if (req.url ~ "^/(admin|django-admin|accounts)/" || req.url ~ "^/(lo/|th/)?accounts/") {
        return (pass);
    }
    # Other cookies (the CSRF cookie of a reader who once saw a form) do not change what an
    # anonymous reader is sent: one cached copy for all of them.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    # A response that sets a cookie or is made for one reader is never stored.
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "(private|no-store|no-cache)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # Published pages change only when editors publish, and publishing purges them here: keep
    # them up to a day whatever shorter lifetime the application gives browsers.
    if (beresp.status == 200 && bereq.url !~ "\?") {
        set beresp.ttl = 1d;
    }
    return (deliver);
}

sub vcl_deliver {
    # Browsers get the application's own Cache-Control; this says whether the cache answered.
    if (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
}
