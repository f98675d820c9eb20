package io.eventsourcing.spring.boot;

import io.eventsourcing.application.Application;
import io.eventsourcing.jdbc.JdbcFactory;
import io.eventsourcing.jdbc.JdbcDialect;
import io.eventsourcing.persistence.ConfigurationException;
import io.eventsourcing.persistence.InfrastructureFactory;
import io.eventsourcing.spring.boot.internal.SpringContexts;
import io.eventsourcing.system.ProjectionRunner;
import io.eventsourcing.system.Runner;
import io.micrometer.observation.ObservationRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of event-sourced applications in a Spring Boot application: the
 * {@link EventSourcingApplications} bean that makes them (on the context's {@code DataSource}, joining
 * its transactions, configured from {@code eventsourcing.*}, after the app's own Flyway migrations),
 * the {@link EventSourcingRunners} that start and stop runner beans with the context, and, when
 * present, the {@code eventsourcing} health indicator and meters (Spring Boot's health, Micrometer),
 * Micrometer observations of the applications ({@code eventsourcing-micrometer} and an
 * {@code ObservationRegistry}), the {@link EventSourcingExceptionHandler} and the
 * {@link NotificationLogController} (Spring MVC).
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class,
        afterName = "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration")
@ConditionalOnClass(Application.class)
@EnableConfigurationProperties(EventSourcingProperties.class)
public class EventSourcingAutoConfiguration {
    /** The property prefix. */
    public static final String PREFIX = "eventsourcing";
    /** The variable ({@code eventsourcing.datasource}) naming the DataSource bean when there are several. */
    public static final String DATASOURCE = "DATASOURCE";
    /** The properties that configure the Spring integration itself, not the library: not passed on as variables. */
    private static final List<String> SPRING_ONLY = List.of("web.", "observations.");

    private static final Logger LOG = LoggerFactory.getLogger(EventSourcingAutoConfiguration.class);

    /** Used by Spring. */
    public EventSourcingAutoConfiguration() {}

    /**
     * The applications' maker, made after the app's own database migrations (its Flyway's, so that
     * Spring Boot's Flyway never finds the event tables in a schema it has not seen).
     *
     * @param properties the typed {@code eventsourcing.*} properties, bound first so that a value of the
     *     wrong type fails the context naming the property; the variables are read from the environment
     * @throws ConfigurationException if the applications need a DataSource and the context has none,
     *     or several and no {@code eventsourcing.datasource} naming one
     */
    @Bean
    @ConditionalOnMissingBean
    @DependsOnDatabaseInitialization
    public EventSourcingApplications eventSourcingApplications(Environment environment, ListableBeanFactory beans,
            ObjectProvider<DataSource> dataSources, EventSourcingProperties properties) {
        Map<String, String> env = variables(environment);
        env.putIfAbsent(InfrastructureFactory.PERSISTENCE_MODULE, "spring");
        env.putIfAbsent(InfrastructureFactory.CREATE_TABLE, "false");
        if (!"spring".equals(env.get(InfrastructureFactory.PERSISTENCE_MODULE))) {
            return new EventSourcingApplications(env, null);
        }
        DataSource dataSource = dataSource(env.get(DATASOURCE), beans, dataSources);
        Probe probe = probe(dataSource);
        String url = probe.url();
        JdbcDialect dialect = JdbcFactory.dialectFor(url);
        requireIsolation(dialect, probe.isolation());
        if ("sqlite".equals(dialect.name()) && !url.contains("transaction_mode=IMMEDIATE")) {
            LOG.warn("eventsourcing: the SQLite URL {} does not begin transactions IMMEDIATE: concurrent Spring "
                    + "transactions that read and then write fail with SQLITE_BUSY; add ?transaction_mode=IMMEDIATE", url);
        }
        String id = SpringContexts.register(new SpringContexts.Database(dataSource, dialect, url));
        env.put(SpringContexts.CONTEXT_VARIABLE, id);
        return new EventSourcingApplications(env, id);
    }

    /**
     * Gives Spring Boot's pool (or the one {@code eventsourcing.datasource} names) the dialect's connection
     * settings that the app left unset: READ COMMITTED on MariaDB/MySQL, IMMEDIATE transactions on SQLite.
     */
    @Bean
    @ConditionalOnProperty(name = "eventsourcing.persistence-module", havingValue = "spring", matchIfMissing = true)
    static BeanPostProcessor eventSourcingPoolDefaults(Environment environment) {
        return new PoolDefaults(environment.getProperty(PREFIX + ".datasource"));
    }

    /** Starts and stops the context's runner beans with it. */
    @Bean
    @ConditionalOnMissingBean
    EventSourcingRunners eventSourcingRunners(ObjectProvider<Runner> runners,
            ObjectProvider<ProjectionRunner<?>> projectionRunners, ObjectProvider<ObservedApplications> observations) {
        return new EventSourcingRunners(runners, projectionRunners, observations);
    }

    /**
     * Micrometer observations of every application bean and runner application, when
     * {@code eventsourcing-micrometer} is on the class path and the context has an {@code ObservationRegistry}.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"io.eventsourcing.micrometer.EventSourcingObservations",
            "io.micrometer.observation.ObservationRegistry"})
    @ConditionalOnBooleanProperty(name = "eventsourcing.observations.enabled", matchIfMissing = true)
    static class Observations {
        @Bean
        static ApplicationObservations eventSourcingObservations(
                ObjectProvider<ObservationRegistry> registries) {
            return new ApplicationObservations(registries);
        }
    }

    /** The health indicator, when Spring Boot's health module is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class Health {
        @Bean
        @ConditionalOnMissingBean
        EventSourcingHealthIndicator eventsourcingHealthIndicator(ObjectProvider<Application> applications,
                EventSourcingRunners runners) {
            return new EventSourcingHealthIndicator(applications, runners);
        }
    }

    /** The meters, when Micrometer is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
    static class Metrics {
        @Bean
        @ConditionalOnMissingBean
        EventSourcingMetrics eventSourcingMetrics(ObjectProvider<Application> applications,
                EventSourcingRunners runners, ObjectProvider<ObservedApplications> observations) {
            return new EventSourcingMetrics(applications, runners, observations);
        }
    }

    /** The answers to the library's exceptions and the notification log endpoint, in a Spring MVC application. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
    static class Web {
        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnBooleanProperty(name = "eventsourcing.web.problem-details.enabled", matchIfMissing = true)
        EventSourcingExceptionHandler eventSourcingExceptionHandler() {
            return new EventSourcingExceptionHandler();
        }

        @Bean
        @ConditionalOnBooleanProperty(name = "eventsourcing.web.notification-log.enabled")
        NotificationLogController eventSourcingNotificationLogController(ObjectProvider<Application> applications) {
            return new NotificationLogController(applications);
        }
    }

    /**
     * The {@code eventsourcing.*} properties as the library's variables: the name after the prefix,
     * upper-cased, with dots and dashes as underscores ({@code eventsourcing.dogschool.create-table}
     * is {@code DOGSCHOOL_CREATE_TABLE}).
     */
    static Map<String, String> variables(Environment environment) {
        Map<String, String> properties = Binder.get(environment)
                .bind(PREFIX, Bindable.mapOf(String.class, String.class)).orElse(Map.of());
        Map<String, String> variables = new LinkedHashMap<>();
        properties.forEach((key, value) -> {
            if (SPRING_ONLY.stream().noneMatch(key::startsWith)) {
                variables.put(variableName(key), value);
            }
        });
        return variables;
    }

    static String variableName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static DataSource dataSource(@Nullable String name, ListableBeanFactory beans,
            ObjectProvider<DataSource> dataSources) {
        if (name != null) {
            try {
                return beans.getBean(name, DataSource.class);
            } catch (NoSuchBeanDefinitionException e) {
                throw new ConfigurationException("eventsourcing.datasource names '" + name + "', but there is no "
                        + "DataSource bean of that name; DataSource beans: " + names(beans), e);
            }
        }
        DataSource unique = dataSources.getIfUnique();
        if (unique != null) {
            return unique;
        }
        String[] candidates = BeanFactoryUtils.beanNamesForTypeIncludingAncestors(beans, DataSource.class);
        if (candidates.length == 0) {
            throw new ConfigurationException("event-sourced applications need a DataSource and the context has "
                    + "none: set spring.datasource.url (e.g. jdbc:sqlite:app.db?transaction_mode=IMMEDIATE or "
                    + "jdbc:postgresql://localhost:5432/app), define a DataSource bean, or set "
                    + "eventsourcing.persistence-module (e.g. memory, or postgres with its eventsourcing.postgres-* "
                    + "properties)");
        }
        throw new ConfigurationException("event-sourced applications need one DataSource and the context has "
                + candidates.length + " (" + String.join(", ", candidates) + ") with none marked @Primary: set "
                + "eventsourcing.datasource to the name of the one to use");
    }

    /**
     * The dialect's isolation level is what keeps notification ids gap-free and in commit order (on
     * MariaDB/MySQL, whose default REPEATABLE READ would read a stale newest id in a transaction that
     * read before it saved); the library's own pools set it, the context's data source must have it.
     */
    private static void requireIsolation(JdbcDialect dialect, int actual) {
        String needed = dialect.transactionIsolation();
        if (needed == null) {
            return;
        }
        int level = switch (needed) {
            case "TRANSACTION_READ_UNCOMMITTED" -> Connection.TRANSACTION_READ_UNCOMMITTED;
            case "TRANSACTION_READ_COMMITTED" -> Connection.TRANSACTION_READ_COMMITTED;
            case "TRANSACTION_REPEATABLE_READ" -> Connection.TRANSACTION_REPEATABLE_READ;
            case "TRANSACTION_SERIALIZABLE" -> Connection.TRANSACTION_SERIALIZABLE;
            default -> throw new IllegalStateException("the " + dialect.name() + " dialect names an unknown level "
                    + needed);
        };
        if (actual != level) {
            throw new ConfigurationException("the DataSource's connections run at isolation level " + actual
                    + " and event-sourced applications on " + dialect.name() + " need " + needed + " (" + level
                    + "): set spring.datasource.hikari.transaction-isolation=" + needed
                    + " (or the isolation of your own pool)");
        }
    }

    private static String names(ListableBeanFactory beans) {
        String[] names = BeanFactoryUtils.beanNamesForTypeIncludingAncestors(beans, DataSource.class);
        return names.length == 0 ? "none" : String.join(", ", Arrays.asList(names));
    }

    /** What a connection of the data source says of its database. */
    private record Probe(String url, int isolation) {}

    private static Probe probe(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return new Probe(connection.getMetaData().getURL(), connection.getTransactionIsolation());
        } catch (SQLException e) {
            throw new ConfigurationException("event-sourced applications cannot connect to the context's DataSource "
                    + "to find its database: " + e.getMessage(), e);
        }
    }
}
