# A worker on the sandbox (no cluster, synthetic metrics), for trying Rollwright out: never for real
# releases. Build from the repository root after ./mvnw -q -B package -DskipTests:
#   docker build -f deploy/docker/sandbox-worker.Dockerfile -t rollwright-sandbox-worker:0.1.0 .
FROM eclipse-temurin:17-jre
RUN useradd --uid 10001 --no-create-home rollwright
COPY starter/demo/target/rollwright-demo.jar /app/rollwright-demo.jar
USER 10001
EXPOSE 8081
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/rollwright-demo.jar", "worker"]
