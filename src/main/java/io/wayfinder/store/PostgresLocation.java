package io.wayfinder.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * A PostgreSQL store location, split into what may be shown (host, port, database) and what may not (user name and
 * password). Accepts {@code postgresql://[user[:password]@]host[:port]/db[?params]} (the libpq URI form, also with
 * {@code postgres://}) and {@code jdbc:postgresql://host[:port]/db[?params]}. The password comes from the URL, else
 * {@code PGPASSWORD}, else the driver reads {@code ~/.pgpass} (or {@code PGPASSFILE}); the user from the URL, else
 * {@code PGUSER}, else the login name.
 *
 * @param jdbcUrl   the driver URL without user and password (query parameters other than user/password kept)
 * @param shown     what is printed and stored as the store's location: {@code postgresql://host:port/db}
 * @param user      the user name (never printed with the password)
 * @param password  the password, or null (then {@code ~/.pgpass} is consulted by the driver)
 */
record PostgresLocation(String jdbcUrl, String shown, String user, String password) {

    static boolean isPostgres(String location) {
        String l = location.strip().toLowerCase(java.util.Locale.ROOT);
        return l.startsWith("postgresql://") || l.startsWith("postgres://") || l.startsWith("jdbc:postgresql:");
    }

    static PostgresLocation parse(String location) {
        String l = location.strip();
        String rest = l.startsWith("jdbc:") ? l.substring(5) : l;
        rest = rest.replaceFirst("(?i)^postgres(ql)?:", "postgresql:");
        if (!rest.startsWith("postgresql://")) {
            throw new StoreException("run store location " + redact(l) + ": expected postgresql://host[:port]/database",
                    null);
        }
        URI uri;
        try {
            uri = new URI(rest);
        } catch (URISyntaxException e) {
            throw new StoreException("run store location " + redact(l) + ": expected postgresql://host[:port]/database ("
                    + e.getReason() + ")", null);
        }
        String host = uri.getHost() == null ? "localhost" : uri.getHost();
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String db = path.startsWith("/") ? path.substring(1) : path;
        if (db.isEmpty() || db.contains("/")) {
            throw new StoreException("run store location " + redact(l) + ": expected a database name after the host "
                    + "(postgresql://host[:port]/database)", null);
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] ui = uri.getRawUserInfo().split(":", 2);
            user = decode(ui[0]);
            password = ui.length > 1 ? decode(ui[1]) : null;
        }
        StringBuilder query = new StringBuilder();
        if (uri.getRawQuery() != null) {
            for (String kv : uri.getRawQuery().split("&")) {
                String key = kv.split("=", 2)[0];
                String value = kv.contains("=") ? decode(kv.split("=", 2)[1]) : "";
                if (key.equalsIgnoreCase("user")) {
                    user = value;
                } else if (key.equalsIgnoreCase("password")) {
                    password = value;
                } else if (!kv.isEmpty()) {
                    query.append(query.length() == 0 ? "?" : "&").append(kv);
                }
            }
        }
        if (user == null || user.isEmpty()) {
            String env = System.getenv("PGUSER");
            user = env != null && !env.isBlank() ? env : System.getProperty("user.name");
        }
        if (password == null) {
            String env = System.getenv("PGPASSWORD");
            password = env == null || env.isEmpty() ? null : env;
        }
        String hostPort = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        return new PostgresLocation("jdbc:postgresql://" + hostPort + "/" + db + query, "postgresql://" + hostPort + "/"
                + db, user, password);
    }

    /** Connection properties for the driver: user, password when known, and a name the server lists. */
    Properties properties() {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("ApplicationName", "wayfinder");
        return p;
    }

    @Override
    public String toString() {
        return shown;
    }

    /** A location as it may be printed: any user information and password parameter removed. */
    static String redact(String location) {
        return location.replaceAll("//[^/@]*@", "//").replaceAll("(?i)([?&]password=)[^&]*", "$1***");
    }

    /** The location with its password removed (user name, host, database and other parameters kept). */
    static String withoutPassword(String location) {
        String s = location.replaceFirst("//([^/@:]*):[^/@]*@", "//$1@");
        s = s.replaceAll("(?i)([?&])password=[^&]*(&|$)", "$1");
        return s.replaceAll("[?&]$", "");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
