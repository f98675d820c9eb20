package io.eventsourcing.persistence;

import java.io.Serial;
import java.lang.reflect.Constructor;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.Version;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.SettableBeanProperty;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.ValueInstantiators;
import tools.jackson.databind.deser.bean.PropertyValueBuffer;
import tools.jackson.databind.deser.std.StdValueInstantiator;
import tools.jackson.databind.introspect.AnnotatedConstructor;
import tools.jackson.databind.introspect.AnnotatedWithParams;

/*
 * Jackson 3.2 calls a constructor of two or more arguments (a record's canonical constructor, for every
 * event read) through MethodHandle.invokeWithArguments, which builds a spreading adapter on every call:
 * about 0.2 us and 300 bytes per record, more than reading the record's JSON. This module has the
 * constructor Jackson chose called with the arguments Jackson gathered through Constructor.newInstance,
 * which the JDK backs with a method handle it keeps. Which constructor runs, with what, is unchanged;
 * if the call fails in any way it is made again through Jackson's own path, so errors read as before.
 */

/** The Jackson module, part of the standard configuration, that calls creator constructors directly. */
final class DirectCreators extends JacksonModule {

    @Override
    public String getModuleName() {
        return "eventsourcing-direct-creators";
    }

    @Override
    public Version version() {
        return Version.unknownVersion();
    }

    @Override
    public void setupModule(SetupContext context) {
        context.addValueInstantiators(new ValueInstantiators.Base() {
            @Override
            public ValueInstantiator modifyValueInstantiator(DeserializationConfig config,
                    BeanDescription.Supplier description, ValueInstantiator instantiator) {
                return direct(instantiator);
            }
        });
    }

    /** The instantiator, wrapped if it creates through an accessible constructor of two or more arguments. */
    static ValueInstantiator direct(ValueInstantiator instantiator) {
        if (instantiator.getClass() != StdValueInstantiator.class
                || !(instantiator.getWithArgsCreator() instanceof AnnotatedConstructor creator)
                || creator.getParameterCount() < 2) {
            return instantiator;
        }
        Constructor<?> constructor = creator.getAnnotated();
        try {
            if (!constructor.canAccess(null)) {
                return instantiator;
            }
        } catch (IllegalArgumentException e) {
            return instantiator;
        }
        return new Direct(instantiator, constructor);
    }

    /** Jackson's instantiator, but with-arguments creation calls the constructor itself. */
    private static final class Direct extends ValueInstantiator.Delegating {
        @Serial
        private static final long serialVersionUID = 1L;

        private final transient @Nullable Constructor<?> constructor;

        Direct(ValueInstantiator delegate, Constructor<?> constructor) {
            super(delegate);
            this.constructor = constructor;
        }

        @Override
        public ValueInstantiator createContextual(DeserializationContext context,
                BeanDescription.Supplier description) {
            ValueInstantiator contextual = delegate().createContextual(context, description);
            return contextual == delegate() ? this : direct(contextual);
        }

        @Override
        public AnnotatedWithParams getWithArgsCreator() {
            return delegate().getWithArgsCreator();
        }

        @Override
        public Object createFromObjectWith(DeserializationContext context, SettableBeanProperty[] properties,
                PropertyValueBuffer buffer) throws JacksonException {
            return createFromObjectWith(context, buffer.getParameters(context, properties));
        }

        @Override
        public Object createFromObjectWith(DeserializationContext context, Object[] arguments) throws JacksonException {
            if (constructor != null) {
                try {
                    return constructor.newInstance(arguments);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // Fall through: Jackson's own call reports the failure in its words.
                }
            }
            return delegate().createFromObjectWith(context, arguments);
        }
    }
}
