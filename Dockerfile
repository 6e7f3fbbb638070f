FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
USER node
EXPOSE 3000
# The role is chosen by the command: no argument runs every role; "watcher", "worker" or "web" runs one.
ENTRYPOINT ["npx", "tsx", "services/main.ts"]
