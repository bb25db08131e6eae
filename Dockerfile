# Builds and runs Parley. The model is not baked in: mount it at /models (see docker-compose.yml).
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
# The image still runs the de.kherud:llama backend; Parley's own llama.cpp binding (issue #16)
# needs CMake, a C++ compiler and the llama.cpp source outside this context, so it is skipped here.
RUN ./mvnw -B -ntp -pl config -am package -DskipTests -Dparley.native.skip=true

FROM eclipse-temurin:25-jre
RUN useradd --system --home /app parley && mkdir -p /app/data /models && chown parley /app/data
WORKDIR /app
COPY --from=build /src/config/target/parley.jar /app/parley.jar
USER parley
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-jar", "/app/parley.jar"]
