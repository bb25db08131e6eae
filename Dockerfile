# Builds and runs Parley. The model is not baked in: mount it at /models (see docker-compose.yml).
FROM eclipse-temurin:25-jdk AS build
# Parley's llama.cpp binding is compiled in the image (about 10 minutes on 2 cores): CMake, Ninja,
# a C++17 compiler, xz and curl for the source.
RUN apt-get update && apt-get install -y --no-install-recommends cmake ninja-build g++ xz-utils curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# The llama.cpp source is not in the repository: the build fetches the pinned commit and checks
# every file against model-runtime/src/main/native/llama-sources.sha256 (docs/llama-jni.md). Pass
# a local copy with --build-arg LLAMA_SOURCE=... when offline. GGML_NATIVE=OFF: the image must run
# on other CPUs than the one that built it.
ARG LLAMA_SOURCE=https://github.com/ggml-org/whisper.cpp/archive/4834a2327d008ace3ec5a9ed00f51454bcabbc1c.tar.gz
RUN ./mvnw -B -ntp -pl config -am package -DskipTests -Dparley.llama.source=${LLAMA_SOURCE} \
    -Dparley.llama.cmakeOptions=-DGGML_NATIVE=OFF

FROM eclipse-temurin:25-jre
RUN useradd --system --home /app parley && mkdir -p /app/data /models && chown parley /app/data
WORKDIR /app
# two glibc heaps keep memory flat across model swaps (docs/models.md, ReloadFootprint)
ENV MALLOC_ARENA_MAX=2
COPY --from=build /src/config/target/parley.jar /app/parley.jar
USER parley
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-jar", "/app/parley.jar"]
