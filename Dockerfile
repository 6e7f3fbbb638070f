# Build stage: the TypeScript compiler is a development dependency.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# Run stage: compiled JavaScript, production dependencies, templates and form files.
FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app /app
USER node
EXPOSE 3000
# The role is chosen by the command: no argument runs every role; "watcher", "worker" or "web" runs one.
# The heap limit keeps each process well under 400 MB (see src/service-runtime.ts).
ENTRYPOINT ["node", "--max-old-space-size=256", "--max-semi-space-size=16", "dist/services/main.js"]
