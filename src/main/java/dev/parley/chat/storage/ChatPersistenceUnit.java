package dev.parley.chat.storage;

import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import jakarta.persistence.spi.ClassTransformer;
import jakarta.persistence.spi.PersistenceUnitInfo;
import jakarta.persistence.spi.PersistenceUnitTransactionType;

import javax.sql.DataSource;
import java.net.URL;
import java.util.List;
import java.util.Properties;

/**
 * The chat's persistence unit, described in code instead of {@code META-INF/persistence.xml}.
 *
 * <p>A {@code persistence.xml} would be picked up and deployed by the container itself (EclipseLink on
 * Payara, Hibernate on WildFly) against a container datasource. Handing this description to the
 * provider's {@code createContainerEntityManagerFactory} — the SPI containers themselves use — lets the
 * WAR give it its own pool and keeps the same code path on every server.
 *
 * <p>RESOURCE_LOCAL: {@link Database} begins and commits each unit of work itself, so a caller
 * knows that when {@code MessageStore.append} returns, the row is committed.
 */
final class ChatPersistenceUnit implements PersistenceUnitInfo {

    static final String NAME = "parley";

    private final String providerClassName;
    private final DataSource dataSource;
    private final List<String> entityClassNames;
    private final ClassLoader classLoader;

    ChatPersistenceUnit(String providerClassName, DataSource dataSource, List<Class<?>> entities) {
        this.providerClassName = providerClassName;
        this.dataSource = dataSource;
        this.entityClassNames = entities.stream().map(Class::getName).toList();
        this.classLoader = entities.get(0).getClassLoader();
    }

    @Override
    public String getPersistenceUnitName() {
        return NAME;
    }

    @Override
    public String getPersistenceProviderClassName() {
        return providerClassName;
    }

    @Override
    public PersistenceUnitTransactionType getTransactionType() {
        return PersistenceUnitTransactionType.RESOURCE_LOCAL;
    }

    @Override
    public DataSource getJtaDataSource() {
        return null;
    }

    @Override
    public DataSource getNonJtaDataSource() {
        return dataSource;
    }

    @Override
    public List<String> getMappingFileNames() {
        return List.of();
    }

    @Override
    public List<URL> getJarFileUrls() {
        return List.of();
    }

    @Override
    public URL getPersistenceUnitRootUrl() {
        // The providers want a root even with every class listed (they look for META-INF/orm.xml there):
        // the directory or jar these classes were loaded from, as the class loader names it.
        String self = ChatPersistenceUnit.class.getName().replace('.', '/') + ".class";
        URL here = ChatPersistenceUnit.class.getClassLoader().getResource(self);
        if (here == null) {
            return null;
        }
        String url = here.toExternalForm();
        try {
            return new URL(url.substring(0, url.length() - self.length()));
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException("Cannot derive the persistence unit root from " + url, e);
        }
    }

    @Override
    public List<String> getManagedClassNames() {
        return entityClassNames;
    }

    @Override
    public boolean excludeUnlistedClasses() {
        return true;
    }

    @Override
    public SharedCacheMode getSharedCacheMode() {
        // No second-level cache: several Parley instances may share one database.
        return SharedCacheMode.NONE;
    }

    @Override
    public ValidationMode getValidationMode() {
        return ValidationMode.NONE;
    }

    @Override
    public Properties getProperties() {
        return new Properties();
    }

    @Override
    public String getPersistenceXMLSchemaVersion() {
        return "3.0";
    }

    @Override
    public ClassLoader getClassLoader() {
        return classLoader;
    }

    @Override
    public void addTransformer(ClassTransformer transformer) {
        // Weaving is switched off (see Database): nothing to install.
    }

    @Override
    public ClassLoader getNewTempClassLoader() {
        return classLoader;
    }
}
