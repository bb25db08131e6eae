package dev.parley.app.model;

import dev.parley.core.model.ChatModel;
import dev.parley.model.download.ModelDownloader;
import dev.parley.model.llama.LlamaChatModel;
import dev.parley.model.llama.LlamaSettings;
import java.nio.file.Path;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Loads the model: from {@code parley.model.path}, or the default model, downloaded if need be. */
@Configuration(proxyBeanMethods = false)
public class ModelConfiguration {

    @Bean
    ModelFileLocator modelFileLocator(ModelProperties properties) {
        var downloader = new ModelDownloader(ModelDownloader.defaultClient(), System.err);
        return new ModelFileLocator(properties, downloader::download);
    }

    @Bean(destroyMethod = "close")
    ChatModel chatModel(ModelProperties properties, ModelFileLocator locator) {
        Path file = locator.locate();
        var settings = new LlamaSettings(file, properties.effectiveThreads(), properties.contextSize(),
                properties.parallel(), properties.gpuLayers(), properties.nativeLibraryDir());
        // checks the file in Java before the native library is even loaded
        return LlamaChatModel.load(settings);
    }
}
