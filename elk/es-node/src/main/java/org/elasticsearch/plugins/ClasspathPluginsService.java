package org.elasticsearch.plugins;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.elasticsearch.Build;
import org.elasticsearch.action.admin.cluster.node.info.PluginsAndModules;
import org.elasticsearch.common.settings.Settings;

/**
 * Loads plugins from classes already on the classpath, since an embedded node has no
 * {@code modules/} or {@code plugins/} directory to scan. Lives in Elasticsearch's
 * package because the types it builds ({@code LoadedPlugin}) are package-private there.
 */
public class ClasspathPluginsService extends PluginsService {

	private final List<LoadedPlugin> classpathPlugins;

	/**
	 * Creates the service with one instance of each given plugin class.
	 * @param settings the node settings
	 * @param configPath the node configuration directory
	 * @param pluginClasses the plugin classes to load
	 */
	public ClasspathPluginsService(Settings settings, Path configPath,
			Collection<Class<? extends Plugin>> pluginClasses) {
		super(settings, configPath, new PluginsLoader(Set.of(), Set.of(), Map.of()));
		List<LoadedPlugin> loaded = new ArrayList<>();
		for (Class<? extends Plugin> pluginClass : pluginClasses) {
			Plugin plugin = loadPlugin(pluginClass, settings, configPath);
			PluginDescriptor descriptor = new PluginDescriptor(pluginClass.getName(), "classpath plugin", "NA",
					Build.current().version(), Integer.toString(Runtime.version().feature()), pluginClass.getName(),
					null, List.of(), false, false, false, false);
			loaded.add(new LoadedPlugin(descriptor, plugin, ClasspathPluginsService.class.getClassLoader()));
		}
		loadExtensions(loaded);
		this.classpathPlugins = List.copyOf(loaded);
	}

	@Override
	protected List<LoadedPlugin> plugins() {
		return this.classpathPlugins;
	}

	@Override
	public PluginsAndModules info() {
		return new PluginsAndModules(
				this.classpathPlugins.stream().map(LoadedPlugin::descriptor).map(PluginRuntimeInfo::new).toList(),
				List.of());
	}

}
