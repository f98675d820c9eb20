package io.eventsourcing.spring.boot;

import com.zaxxer.hikari.HikariDataSource;
import io.eventsourcing.jdbc.JdbcDialect;
import io.eventsourcing.jdbc.JdbcFactory;
import io.eventsourcing.persistence.ConfigurationException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;

/*
 * What the library's own pools set on a connection, Spring Boot's pool lacks unless the user sets it:
 * on MariaDB/MySQL the READ COMMITTED isolation that keeps notification ids in commit order (at the
 * default REPEATABLE READ a transaction that read before it saved numbers its events from a stale
 * newest id), on SQLite transactions that take the write lock when they begin (else two transactions
 * that read and then write fail with SQLITE_BUSY). A new application sets neither, so it is set here,
 * on the pool the applications use, before the pool starts, and said once in the log. What the user set
 * is left alone, and the auto-configuration refuses an isolation level the dialect cannot work with.
 */

/** Gives the pool the applications store their events in the dialect's connection settings the user left unset. */
final class PoolDefaults implements BeanPostProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(PoolDefaults.class);
    /** The bean name of the DataSource Spring Boot makes from {@code spring.datasource.*}. */
    static final String SPRING_BOOT_DATASOURCE = "dataSource";

    private final String beanName;

    /** @param beanName the DataSource bean the applications use: named by {@code eventsourcing.datasource}, or Spring Boot's */
    PoolDefaults(@Nullable String beanName) {
        this.beanName = beanName == null ? SPRING_BOOT_DATASOURCE : beanName;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String name) {
        if (bean instanceof HikariDataSource pool && name.equals(beanName) && pool.getJdbcUrl() != null
                && !pool.isRunning()) {
            apply(pool);
        }
        return bean;
    }

    private static void apply(HikariDataSource pool) {
        String url = pool.getJdbcUrl();
        JdbcDialect dialect;
        try {
            dialect = JdbcFactory.dialectFor(url);
        } catch (ConfigurationException e) {
            return;     // the auto-configuration reports a database the library does not serve
        }
        String isolation = dialect.transactionIsolation();
        if (isolation != null && pool.getTransactionIsolation() == null) {
            pool.setTransactionIsolation(isolation);
            LOG.info("eventsourcing: the {} pool's transactions run at {}, which event-sourced applications on {} need "
                    + "(set spring.datasource.hikari.transaction-isolation to choose it yourself)", url, isolation,
                    dialect.name());
        }
        if ("sqlite".equals(dialect.name()) && !url.contains("transaction_mode")
                && pool.getDataSourceProperties().getProperty("transaction_mode") == null) {
            pool.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "transaction_mode=IMMEDIATE");
            LOG.info("eventsourcing: SQLite transactions of {} begin IMMEDIATE, so that concurrent ones that read and "
                    + "then write wait for each other (set transaction_mode in the URL to choose it yourself)", url);
        }
    }
}
