# syntax=docker/dockerfile:1
# The image of every PerfMonitor service. SERVICE names the service's folder, which is also its project's and its
# assembly's name. The build context is the repository root:
#   docker build --build-arg SERVICE=Collector.Service -t registry.example.com/perfmon/collector:0.1.0 .
# Tags are pinned; resolve them to digests where images are built (see docs/deploy.md).

FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0.100 AS build
ARG TARGETARCH
ARG SERVICE
RUN test -n "$SERVICE" || { echo "Name the service to build: --build-arg SERVICE=Collector.Service" >&2; exit 1; }
WORKDIR /src
# .editorconfig sets the analyzers' severities: without it their default warnings fail the build (TreatWarningsAsErrors).
COPY .editorconfig Directory.Build.props Directory.Packages.props ./
COPY Contracts/ Contracts/
COPY ServiceDefaults/ ServiceDefaults/
COPY PromQL/ PromQL/
COPY $SERVICE/ $SERVICE/
# A developer's bin/ and obj/ must not leak into the build: stale assets files break restore.
RUN find . -type d \( -name bin -o -name obj \) -prune -exec rm -rf {} +
# ENTRYPOINT cannot expand SERVICE, so the service's apphost (built for TARGETARCH) gets a fixed name. It still finds
# its assembly, deps.json and runtimeconfig.json: publish wrote "$SERVICE.dll" into it, and it reads no other name.
RUN --mount=type=cache,id=nuget,target=/root/.nuget/packages \
    dotnet publish "$SERVICE/$SERVICE.csproj" -c Release -a $TARGETARCH --no-self-contained -o /app \
    && mv "/app/$SERVICE" /app/service

FROM mcr.microsoft.com/dotnet/aspnet:10.0.0 AS final
WORKDIR /app
COPY --from=build --chown=root:root /app ./
# 1654, the non-root "app" user the .NET images define; Kubernetes also enforces runAsNonRoot.
USER $APP_UID
ENV Kestrel__Endpoints__http__Url=http://+:8080 \
    Kestrel__Endpoints__grpc__Url=http://+:8081 \
    Kestrel__Endpoints__grpc__Protocols=Http2
EXPOSE 8080 8081
# The apphost is the process itself, so it receives SIGTERM and the host shuts down gracefully.
ENTRYPOINT ["/app/service"]
