# The app image for docker-compose.yml: the API and the built client on one port.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build
ENV PORT=8080 NODE_ENV=production
# The image's unprivileged user: the app owns no file it runs from, and a
# compromise of the process cannot rewrite the code or the built client.
USER node
EXPOSE 8080
CMD ["npx", "tsx", "server/main.ts"]
