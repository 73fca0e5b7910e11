"""The skills lexicon of the offline match analysis: one line per skill, ``Canonical: alias, alias``.

Aliases are matched case-insensitively on word boundaries (``+`` and ``#`` count as word characters, so
"C++" and "C#" are distinct from "C"). Keep ambiguous short aliases out (plain "go", "r", "c")."""

from __future__ import annotations

import re
from functools import cache

_LEXICON = """
# Programming languages
Python: python, python3
Java: java
JavaScript: javascript, js, ecmascript
TypeScript: typescript
Go: golang, go lang
Rust: rust, rustlang
C: c language, ansi c
C++: c++, cpp
C#: c#, csharp, c sharp
Ruby: ruby
PHP: php
Kotlin: kotlin
Swift: swift
Scala: scala
Elixir: elixir
Haskell: haskell
Clojure: clojure
R: r language, rstudio, tidyverse
MATLAB: matlab
Julia: julia
Perl: perl
Bash: bash, shell scripting, shell script
SQL: sql, t-sql, pl/sql, plsql
Dart: dart
Objective-C: objective-c
Lua: lua
Solidity: solidity
# Web and back-end frameworks
Django: django, django rest framework, drf
Flask: flask
FastAPI: fastapi
Celery: celery
Ruby on Rails: rails, ruby on rails
Spring: spring, spring boot
Node.js: node.js, nodejs, node
Express: express.js, expressjs
NestJS: nestjs
Next.js: next.js, nextjs
React: react, react.js, reactjs
React Native: react native
Vue: vue, vue.js, vuejs
Angular: angular, angularjs
Svelte: svelte, sveltekit
HTMX: htmx
jQuery: jquery
Laravel: laravel
ASP.NET: asp.net, .net core, dotnet
Flutter: flutter
SwiftUI: swiftui
Jetpack Compose: jetpack compose
HTML: html, html5
CSS: css, css3, sass, scss, tailwind, tailwindcss
GraphQL: graphql, apollo
REST APIs: restful, rest api, rest apis, restful apis
gRPC: grpc, protobuf, protocol buffers
WebSockets: websocket, websockets
OAuth: oauth, oauth2, openid connect, oidc
Microservices: microservices, microservice architecture, service-oriented architecture
Event-driven architecture: event-driven, event sourcing, cqrs
Distributed systems: distributed systems, distributed computing
System design: system design, software architecture, architecture design
Concurrency: concurrency, multithreading, async, asyncio
Performance optimization: performance tuning, performance optimization, profiling, latency optimization
Web accessibility: wcag, a11y, accessibility, aria
# Data stores and messaging
PostgreSQL: postgresql, postgres, psql
MySQL: mysql, mariadb
SQLite: sqlite
Oracle Database: oracle database, oracle db
SQL Server: sql server, mssql
MongoDB: mongodb, mongo
Redis: redis
Elasticsearch: elasticsearch, elastic search, opensearch
Cassandra: cassandra
DynamoDB: dynamodb
Neo4j: neo4j
Kafka: kafka, apache kafka
RabbitMQ: rabbitmq
Amazon SQS: sqs
ClickHouse: clickhouse
Pinecone: pinecone, vector database, pgvector
# Cloud, infrastructure and operations
AWS: aws, amazon web services, ec2, s3, lambda
Google Cloud: gcp, google cloud, bigquery
Azure: azure, microsoft azure
Docker: docker, containers, containerization
Kubernetes: kubernetes, k8s, helm
Terraform: terraform, infrastructure as code, iac
Ansible: ansible
CI/CD: ci/cd, continuous integration, continuous delivery, continuous deployment, github actions, gitlab ci
CI servers: jenkins, circleci, buildkite, teamcity
Git: git, github, gitlab, bitbucket
Linux: linux, unix
Nginx: nginx
Observability: observability, prometheus, grafana, datadog, opentelemetry, new relic
Logging: logging, elk, splunk
Site reliability: sre, site reliability, slos, slis, incident response, on-call
Networking: tcp/ip, dns, load balancing, cdn
Serverless: serverless
Cloud cost optimization: finops, cloud cost
Security: application security, appsec, owasp, penetration testing, threat modeling, security
Identity and access management: iam, identity and access management, sso, saml
# Testing and quality
Unit testing: unit testing, unit tests, pytest, junit, jest, rspec
Test automation: test automation, selenium, cypress, playwright
Test-driven development: tdd, test-driven development
Code review: code review, code reviews
Debugging: debugging, troubleshooting, root cause analysis
# Data, analytics and ML
Pandas: pandas
NumPy: numpy
scikit-learn: scikit-learn, sklearn
TensorFlow: tensorflow, keras
PyTorch: pytorch, torch
Spark: spark, pyspark, apache spark, databricks
Hadoop: hadoop, hive
Airflow: airflow, apache airflow, dagster, prefect
dbt: dbt, data build tool
Snowflake: snowflake
Redshift: redshift
Data warehousing: data warehouse, data warehousing, dimensional modeling, star schema, kimball
ETL: etl, elt, data pipelines, data pipeline
Data modeling: data modeling, data modelling
Data quality: data quality, data validation, great expectations
Data governance: data governance, data catalog, data lineage
Tableau: tableau
Power BI: power bi, powerbi
Looker: looker, lookml
Excel: excel, spreadsheets, google sheets, vlookup, pivot tables
Statistics: statistics, statistical analysis, statistical modeling, hypothesis testing, regression
A/B testing: a/b testing, a/b tests, ab testing, experimentation, split testing, multivariate testing
Causal inference: causal inference, difference-in-differences, propensity score
Machine learning: machine learning, ml, predictive modeling, supervised learning
Deep learning: deep learning, neural networks
NLP: nlp, natural language processing, text classification
Computer vision: computer vision, image recognition, opencv
LLMs: llm, llms, large language models, prompt engineering, rag, retrieval-augmented generation, openai
MLOps: mlops, model deployment, mlflow, model monitoring, feature store
Time series forecasting: forecasting, time series, time-series
Recommendation systems: recommendation systems, recommender systems, recommendations engine
Data visualization: data visualization, data visualisation, dashboards, dashboarding, d3.js
Jupyter: jupyter, notebooks
Product analytics: product analytics, amplitude, mixpanel, heap, funnel analysis, cohort analysis
Google Analytics: google analytics, ga4
Segmentation: segmentation, clustering
# Product management
Product strategy: product strategy, product vision
Roadmapping: roadmap, roadmaps, roadmapping
Prioritization frameworks: prioritization, prioritisation, rice, moscow, kano
User stories: user stories, acceptance criteria, backlog grooming, backlog refinement
Product requirements: prd, prds, product requirements, requirements gathering, specifications
Product discovery: product discovery, jobs to be done, jtbd, opportunity solution tree
OKRs: okrs, okr, objectives and key results, kpis, kpi
Go-to-market: go-to-market, gtm, product launch, product launches
Pricing: pricing, monetization, monetisation, packaging
Agile: agile, scrum, kanban, sprint planning, sprints
Jira: jira, confluence, linear
Product-led growth: product-led growth, plg
Market research: market research, competitive analysis, competitor analysis, market sizing, tam
Product metrics: product metrics, north star metric, activation, retention, engagement metrics
Technical product management: apis for developers, platform product, technical product
# Design and research
User research: user research, ux research, user interviews, contextual inquiry, ethnography
Usability testing: usability testing, usability tests, user testing
Figma: figma, figjam
Sketch: sketch app
Adobe Creative Suite: adobe, photoshop, illustrator, indesign, after effects, creative cloud
Prototyping: prototyping, prototypes, prototype, invision, protopie, framer
Wireframing: wireframing, wireframes, low-fidelity
Interaction design: interaction design, ixd, micro-interactions
Visual design: visual design, typography, color theory, layout
Design systems: design system, design systems, component library, design tokens
Information architecture: information architecture, card sorting, tree testing, navigation design
User journeys: user journeys, journey mapping, customer journey, service design, service blueprint
Personas: personas, persona development
UX writing: ux writing, microcopy, content design
Motion design: motion design, animation
Mobile design: mobile design, ios design, material design, human interface guidelines
Design thinking: design thinking, double diamond
Design critique: design critique, design reviews
Survey design: surveys, survey design, questionnaires
# Sales
B2B sales: b2b sales, b2b, enterprise sales, saas sales
Prospecting: prospecting, cold calling, cold outreach, lead generation, outbound
Pipeline management: pipeline management, pipeline generation, sales pipeline, pipeline coverage
Sales forecasting: sales forecasting, forecast accuracy
Quota attainment: quota, quota attainment, exceeded quota, president's club
Negotiation: negotiation, negotiate, negotiating, negotiated, contract negotiation
Closing: closing deals, deal closing, closed deals, closed-won
Discovery calls: discovery calls, needs analysis
Qualification frameworks: meddic, meddicc, meddpicc, bant, spin selling, challenger sale, qualification
Solution selling: solution selling, consultative selling, value selling
Account management: account management, key account management, account planning
Salesforce: salesforce, sfdc
HubSpot: hubspot
CRM: crm, crm hygiene
Sales enablement: sales enablement, sales playbook, battlecards
Demos: product demos, demos, demo
Sales engagement tools: outreach.io, salesloft, apollo.io, linkedin sales navigator, sales navigator
Partnerships: partnerships, channel sales, partner management, resellers
Procurement: procurement, rfp, rfps, vendor management
Territory planning: territory planning, territory management
Upselling: upselling, upsell, cross-selling, cross-sell, expansion revenue
# Marketing
Digital marketing: digital marketing, online marketing
SEO: seo, search engine optimization, keyword research, on-page seo, technical seo
SEM: sem, ppc, google ads, paid search, adwords
Paid social: paid social, facebook ads, meta ads, linkedin ads, tiktok ads
Content marketing: content marketing, content strategy, blogging, editorial calendar
Copywriting: copywriting, copy writing
Email marketing: email marketing, newsletters, mailchimp, klaviyo, drip campaigns
Marketing automation: marketing automation, marketo, pardot, braze, customer.io
Lifecycle marketing: lifecycle marketing, crm marketing, retention marketing
Demand generation: demand generation, demand gen, lead nurturing, mqls, mql, sqls
Account-based marketing: account-based marketing, abm
Product marketing: product marketing, positioning, messaging, value proposition
Brand management: branding, brand strategy, brand management, brand awareness
Social media: social media, social media marketing, community management
Growth marketing: growth marketing, growth hacking, growth loops, viral loops, referral programs
Conversion rate optimization: conversion rate optimization, cro, landing pages, landing page optimization
Marketing analytics: marketing analytics, attribution, marketing mix modeling, mmm, roas, cac, ltv
Public relations: public relations, media relations, press releases
Events: event marketing, webinars, trade shows, conferences
Influencer marketing: influencer marketing, creator partnerships
Affiliate marketing: affiliate marketing, affiliates
Marketing budget: marketing budget, budget management
Localization: localization, localisation, internationalization, i18n
# Customer success and support
Customer success: customer success, csm
Customer onboarding: customer onboarding, client onboarding, time to value
Churn reduction: churn, churn reduction, retention strategy, customer retention
Renewals: renewals, renewal management
Net revenue retention: nrr, net revenue retention, gross revenue retention, grr, net dollar retention
Customer health scoring: health score, health scores, customer health
Quarterly business reviews: qbr, qbrs, quarterly business review, executive business review, ebr
Customer advocacy: customer advocacy, case studies, customer references, nps, net promoter score, csat
Escalation management: escalation management, escalations, incident communication
Customer support: customer support, technical support, help desk, ticketing
Zendesk: zendesk, intercom, freshdesk
Gainsight: gainsight, totango, churnzero, vitally
Customer training: customer training, customer enablement, customer webinars
Success plans: success plan, success plans, mutual action plan
Voice of the customer: voice of the customer, voc, customer feedback
SLA management: sla, slas, service level agreements
# Business and management
Stakeholder management: stakeholder management, stakeholders, stakeholder alignment
Project management: project management, project planning, pmp, prince2
Program management: program management, programme management, cross-functional programs
Budgeting: budgeting, p&l, financial planning, forecasting budgets
Business analysis: business analysis, business requirements
Process improvement: process improvement, lean, six sigma, kaizen
Change management: change management
Strategy: strategic planning, business strategy, strategy
Vendor management: vendor management, supplier management
Compliance: compliance, gdpr, hipaa, soc 2, soc2, iso 27001, pci
Hiring: hiring, recruiting, recruitment, interviewing
People management: people management, line management, managed a team, direct reports, team lead, led a team
Mentoring: mentoring, mentorship, coaching
Performance management: performance management, performance reviews
Remote collaboration: remote, distributed team, async communication
# Soft skills
Communication: communication, communication skills, written communication, verbal communication
Presentation skills: presentations, presenting, public speaking, storytelling
Leadership: leadership, leading teams
Collaboration: collaboration, teamwork, cross-functional, cross functional
Problem solving: problem solving, problem-solving, analytical skills, critical thinking
Ownership: ownership, accountability, self-starter, proactive
Adaptability: adaptability, flexibility, fast-paced, ambiguity
Attention to detail: attention to detail, detail-oriented, detail oriented
Time management: time management, prioritizing, organized, organised, multitasking
Conflict resolution: conflict resolution
Influence: influencing, influence without authority, persuasion
Empathy: empathy, empathetic, customer empathy
Decision making: decision making, decision-making, judgement, judgment
Creativity: creativity, creative thinking, innovation
Customer focus: customer focus, customer-focused, customer obsession, customer-centric
Negotiation skills: win-win, influencing outcomes
Languages: bilingual, fluent in spanish, fluent in french, fluent in german, multilingual
"""


# Canonical names that are everyday words; they match only through their listed aliases.
_AMBIGUOUS = frozenset({"go", "r", "c", "closing", "strategy", "events", "influence", "pricing", "security"})


@cache
def lexicon() -> dict[str, str]:
    """alias (lowercase) → canonical skill name."""
    aliases: dict[str, str] = {}
    for raw in _LEXICON.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        canonical, _, rest = line.partition(":")
        names = [a.strip().lower() for a in rest.split(",")]
        if canonical.strip().lower() not in _AMBIGUOUS:
            names.append(canonical.strip().lower())
        for alias in names:
            if len(alias) > 1:
                aliases.setdefault(alias, canonical.strip())
    return aliases


@cache
def _pattern() -> re.Pattern[str]:
    alternation = "|".join(re.escape(a) for a in sorted(lexicon(), key=len, reverse=True))
    return re.compile(rf"(?<![\w+#.-])(?:{alternation})(?![\w+#]|\.\w)", re.IGNORECASE)


def find_skills(text: str) -> list[str]:
    """Canonical skills mentioned in ``text``, in order of first mention, without repeats."""
    found: dict[str, None] = {}
    table = lexicon()
    for match in _pattern().finditer(text or ""):
        found.setdefault(table[match.group().lower()], None)
    return list(found)


def skill_count() -> int:
    return len(set(lexicon().values()))
