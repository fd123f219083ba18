package org.elasticsearch.node;

import java.util.Collection;

import org.elasticsearch.env.Environment;
import org.elasticsearch.plugins.ClasspathPluginsService;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.plugins.PluginsLoader;
import org.elasticsearch.plugins.PluginsService;

/**
 * A real Elasticsearch node whose plugins are classes on the classpath. Lives in
 * Elasticsearch's package because {@code NodeConstruction} and
 * {@code NodeServiceProvider} are package-private there.
 */
public class ClasspathNode extends Node {

	/**
	 * Builds (but does not start) the node.
	 * @param environment the node environment (settings and paths)
	 * @param pluginClasses the plugins to load, e.g. the Netty transport
	 */
	public ClasspathNode(Environment environment, Collection<Class<? extends Plugin>> pluginClasses) {
		super(NodeConstruction.prepareConstruction(environment, null, new ClasspathServiceProvider(pluginClasses),
				true));
	}

	/** Hands the node a plugins service built from classpath classes. */
	private static final class ClasspathServiceProvider extends NodeServiceProvider {

		private final Collection<Class<? extends Plugin>> pluginClasses;

		ClasspathServiceProvider(Collection<Class<? extends Plugin>> pluginClasses) {
			this.pluginClasses = pluginClasses;
		}

		@Override
		PluginsService newPluginService(Environment environment, PluginsLoader pluginsLoader) {
			return new ClasspathPluginsService(environment.settings(), environment.configDir(), this.pluginClasses);
		}

	}

}
